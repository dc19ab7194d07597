"""Shared Streamlit pieces of the pages: session, autosaving fields, lists, step frame, live panel."""
