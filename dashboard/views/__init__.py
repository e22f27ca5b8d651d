"""Dashboard pages: each file is one Streamlit page script (see ``app.py``)."""
