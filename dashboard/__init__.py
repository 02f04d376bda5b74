"""XHHT 2030 dashboard (Streamlit). app.py is the frame, nav.py the page list, state.py the view in the URL.
Folders: data_access/ (warehouse, queries), ui/ (kit), views/ (public pages), staff/ (sign-in, staff pages),
present/ (slides, decks), exports/ (downloads, reports). Pages arrange components; nothing here computes methodology."""
