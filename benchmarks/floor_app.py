"""The floor of first paint: a Streamlit app with the dashboard's page paths and nothing else, served by plain
`streamlit run benchmarks/floor_app.py`. Each page draws a heading and a three-row status table in the same HTML as
the dashboard's scorecard (dashboard/ui/tables.py), so benchmarks/first_paint.py times it exactly as it times the
dashboard: what Streamlit itself costs a new visitor and a click, on this machine, in the same run."""

import streamlit as st

from benchmarks.first_paint import TOUR

TABLE = (
    '<div class="xh-has-cards"><div class="xh-wrap"><table>'
    + "".join(f"<tr><td>chỉ tiêu {i}</td><td>đúng tiến độ</td></tr>" for i in range(1, 4))
    + "</table></div></div>"
)


def _page(title: str):
    def draw() -> None:
        st.title(title)
        st.markdown(TABLE, unsafe_allow_html=True)

    return draw


st.navigation(
    [
        st.Page(_page(path or "tong-quan"), title=path or "tong-quan", url_path=path or "tong-quan", default=not path)
        for path in TOUR[-1:] + TOUR[:-1]
    ]
).run()
