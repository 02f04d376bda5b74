"""Phương pháp / Methodology: how milestones, gaps, statuses and outlooks are computed, the NĐ 20/2014
criteria in force, and the sources. Everything shown is read from the warehouse or is fixed text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import outlook_thresholds, table
from dashboard.ui import fmt
from dashboard.ui.i18n import translator

BODY = {
    "vi": """
### Mốc năm và chênh lệch
Mỗi mục tiêu trong `targets.yaml` có giá trị năm 2030 và các mốc khai báo; mốc các năm ở giữa được **nội suy tuyến tính**
(hoặc giữ nguyên theo bậc). **Chênh lệch = thực hiện − mốc năm**, mang dấu âm khi chậm (đổi dấu với chỉ tiêu "càng thấp càng tốt").
Khi biết mẫu số, chênh lệch được quy ra **số người, gia đình, đơn vị cần thêm** (làm tròn lên).

### Tình trạng so với mốc năm
✓ Đạt khi thực hiện ≥ mốc; ✗ Chưa đạt khi thấp hơn; ◐ Thiếu báo cáo khi giá trị cộng dồn có ít hơn {coverage} số đơn vị trực thuộc báo cáo;
· Chưa có mốc trước năm mốc đầu tiên.

### Triển vọng đạt mục tiêu 2030
- **Tăng trưởng thực tế so với cần thiết (Eurostat)** cho chỉ tiêu tỷ lệ: R = CAGR thực tế / CAGR cần thiết từ năm gốc.
  R ≥ {on_track}: đúng lộ trình; {acceleration}–{on_track}: cần tăng tốc; 0–{acceleration}: tiến bộ hạn chế; R < 0: đi xa mục tiêu. Cần ít nhất 2 quan sát.
- **Lộ trình tuyến tính** cho số đơn vị đạt chuẩn, mức độ, giá trị gốc bằng 0 và tỷ lệ gần giới hạn (mục tiêu hoặc giá trị gốc ≥ {near_limit}%):
  tỷ số = (thực hiện − gốc) / (giá trị theo lộ trình − gốc), cùng ngưỡng; kèm số **năm chậm so với lộ trình**.
- **Dự báo (UNSD)** có thể chọn cho từng chỉ tiêu: dự báo giá trị 2030 theo tốc độ hiện tại; điểm ≥ {on_track} đúng lộ trình, {unsd_acceleration}–{on_track} cần tăng tốc, < {unsd_acceleration} trì trệ.
- Quá ít quan sát → **chưa đủ dữ liệu**, không đoán.

### Cộng dồn theo cấp
Tỷ lệ của huyện, tỉnh = **tổng tử số / tổng mẫu số** của các xã (không lấy trung bình các tỷ lệ). Số liệu chỉ có tỷ lệ % không cộng dồn được.
Mức độ đạt chuẩn của xã tính theo tiêu chí NĐ 20/2014 (xã ĐBKK dùng ngưỡng, độ tuổi riêng); của huyện theo tỷ lệ xã đạt; của tỉnh theo tỷ lệ huyện đạt.
Mức độ **báo cáo (công nhận)** được dùng khi có; khác biệt với mức tính được hiển thị ở trang Chất lượng dữ liệu.
""",
    "en": """
### Milestones and gaps
Each target in `targets.yaml` has a 2030 value and declared milestones; the years in between are **interpolated linearly**
(or held as steps). **Gap = actual − milestone**, negative when behind (sign reversed for lower-is-better indicators).
Where the denominator is known, the gap is also said in **people, families or units still needed** (rounded up).

### Status against this year's milestone
✓ Met when actual ≥ milestone; ✗ Behind when lower; ◐ Incomplete reporting when a rolled-up value has fewer than {coverage}
of the child units reporting; · No milestone before the first declared year.

### Outlook for the 2030 target
- **Actual vs required growth (Eurostat)** for ratios: R = actual CAGR / required CAGR from the baseline year.
  R ≥ {on_track} on track; {acceleration}–{on_track} acceleration needed; 0–{acceleration} limited progress; R < 0 moving away. Needs at least 2 observations.
- **Linear path** for counts of units, levels, zero baselines and ratios near their limit (target or baseline ≥ {near_limit}%):
  ratio = (actual − baseline) / (expected on the path − baseline), same cut-offs; with the **years behind the path**.
- **Projection (UNSD)**, selectable per indicator: the 2030 value projected at the current growth; score ≥ {on_track} on track, {unsd_acceleration}–{on_track} acceleration needed, < {unsd_acceleration} stagnation.
- Too few observations → **not enough data**, never a guess.

### Aggregation up the hierarchy
A district's or province's ratio = **sum of numerators / sum of denominators** of its communes (never an average of percentages).
Values reported only as a percentage cannot be rolled up. A commune's level follows the NĐ 20/2014 criteria (ĐBKK communes have
their own thresholds and age bands); a district's the share of its communes at the level; a province's the share of its districts.
A **reported (recognised)** level is used when present; disagreement with the derived level is listed on the Data quality page.
""",
}
TEXT = {
    "criteria": (
        "Tiêu chí NĐ 20/2014 đang áp dụng (cấu hình `data/standards/nd20_2014.yaml`)",
        "NĐ 20/2014 criteria in force (configured in `data/standards/nd20_2014.yaml`)",
    ),
    "sources": ("Nguồn", "Sources"),
    "refs": (
        "Tham khảo phương pháp: Eurostat (SDG progress, Open SDG `ProgressMeasure`), UNSD SDG Progress Chart 2023 technical note, ESCAP.",
        "Methodology references: Eurostat (SDG progress, Open SDG `ProgressMeasure`), UNSD SDG Progress Chart 2023 technical note, ESCAP.",
    ),
}


_t = translator(TEXT)


def render() -> None:
    v = state.view()
    lg = v.lang
    settings = table(v.key, "settings").iloc[0]
    st.title("Phương pháp" if lg == "vi" else "Methodology")
    cut = outlook_thresholds()  # the same settings object the progress SQL receives
    st.markdown(
        BODY[lg].format(
            coverage=fmt.percent(100 * settings["min_coverage"], lg, 0),
            near_limit=fmt.number(settings["near_limit"], lg),
            on_track=fmt.number(cut.on_track, lg, 2),
            acceleration=fmt.number(cut.acceleration_needed, lg, 2),
            unsd_acceleration=fmt.number(cut.unsd_acceleration_needed, lg, 2),
        )
    )
    st.caption(_t("refs", lg))
    st.subheader(_t("criteria", lg))
    crit = table(v.key, "standard_criteria")
    name = "name_vi" if lg == "vi" else "name_en"
    st.dataframe(
        pd.DataFrame(
            {
                ("Chuẩn" if lg == "vi" else "Standard"): crit[name],
                ("Mức" if lg == "vi" else "Level"): crit["level"],
                ("Tiêu chí (xã)" if lg == "vi" else "Criterion (commune)"): crit["criterion"],
                ("Ngưỡng" if lg == "vi" else "Threshold"): [
                    fmt.percent(x, lg, 0) if pd.notna(x) else "" for x in crit["min"]
                ],
                ("Xã ĐBKK" if lg == "vi" else "ĐBKK commune"): [
                    f"{c} ≥ {fmt.percent(x, lg, 0)}" if pd.notna(x) else ""
                    for c, x in zip(crit["dbkk_criterion"], crit["dbkk_min"])
                ],
                ("Huyện: % xã đạt" if lg == "vi" else "District: % communes"): [
                    fmt.percent(x, lg, 0) for x in crit["district_min_share"]
                ],
                ("Tỉnh: % huyện đạt" if lg == "vi" else "Province: % districts"): [
                    fmt.percent(x, lg, 0) for x in crit["province_min_share"]
                ],
                ("Chưa kiểm chứng" if lg == "vi" else "Unverified"): ["⚠" if u else "" for u in crit["unverified"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(_t("sources", lg))
    sources = table(v.key, "sources")
    for r in sources.itertuples():
        link = f" — {r.url}" if isinstance(r.url, str) else ""
        note = f" *({r.note})*" if isinstance(r.note, str) else ""
        st.markdown(f"- **{r.id}**: {r.title}{link}{note}")


render()
