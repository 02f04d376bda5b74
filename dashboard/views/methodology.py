"""Phương pháp / Methodology: how milestones, gaps, statuses and outlooks are computed, in plain words, with the
thresholds and the reform date the build applied (its `settings` table), the rules every verdict obeys (`audit_rules`,
checked by each build), the NĐ 20/2014 criteria in force and the documents cited. Everything shown is read from the
warehouse or is fixed text; no file names or ids."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data_access.warehouse import q, table
from dashboard.ui import fmt, tables
from dashboard.ui.i18n import JUDGEMENT, OUTLOOK, STATUS, label, level_label, translator

BODY = {
    "vi": """
### Lộ trình của từng đơn vị
Mỗi mục tiêu có các mốc do văn bản công bố (ví dụ mốc năm 2023 hoặc 2025) và giá trị năm {target_year}.
Lộ trình của một đơn vị **bắt đầu từ giá trị gốc của chính đơn vị** (năm đầu tiên có số liệu) và **đi qua mọi mốc đã
công bố** đến mục tiêu {target_year}; giữa hai mốc, giá trị được nội suy đều theo năm (chỉ tiêu mức độ giữ nguyên đến mốc
kế tiếp). Nếu giá trị gốc đã đạt mốc đầu tiên, lộ trình giữ ở mốc đó. **Mốc năm** là giá trị của lộ trình trong năm
đang xem; số đơn vị đạt chuẩn là số nguyên.

### Chênh lệch và tình trạng so với mốc năm
**Chênh lệch = thực hiện − mốc năm**, mang dấu âm khi chậm. Khi biết mẫu số, chênh lệch được quy ra **số người, gia đình,
đơn vị cần thêm** (làm tròn lên). Tình trạng:

- {met}: thực hiện bằng hoặc cao hơn mốc năm.
- {behind}: thực hiện thấp hơn mốc năm.
- {incomplete}: giá trị cộng dồn có ít hơn {coverage} đơn vị trực thuộc báo cáo; không đánh giá.
- {no_data}: chưa có số liệu năm đang xem; **không có số liệu thì không có nhận định** (không có triển vọng, không dự báo).
- {no_milestone}: năm đang xem trước khi lộ trình bắt đầu.
- {not_applicable}: từ {reform_day} không còn cấp huyện; mục tiêu tính theo số huyện (ví dụ "9/9 huyện đạt mức độ 3")
  hoặc đặt cho từng huyện không áp dụng từ năm {new_map_year}. Nếu đã có mục tiêu thay thế trên địa giới mới, trang ghi
  "thay bằng: …".
- {no_rule}: {no_rule_why}; chỉ dùng mức độ do tỉnh báo cáo (được công nhận).

### Triển vọng đạt mục tiêu {target_year}
Chỉ nhận định khi có số liệu năm đang xem, dựa trên các năm có số liệu đến năm đó (cần ít nhất 2 năm), đo trên cùng lộ
trình đã công bố ở trên.

- **Tăng trưởng thực tế so với cần thiết (Eurostat)** cho chỉ tiêu tỷ lệ: R = tốc độ tăng bình quân năm thực tế / tốc độ
  cần thiết để đạt mục tiêu, tính từ năm gốc. R từ {on_track} trở lên: {on_track_word}; từ {acceleration} đến dưới {on_track}:
  {acceleration_needed_word}; từ 0 đến dưới {acceleration}: {limited_progress_word}; R âm: {moving_away_word}.
- **Lộ trình** cho số đơn vị đạt chuẩn, mức độ, giá trị gốc bằng 0 và tỷ lệ gần giới hạn (mục tiêu hoặc giá trị gốc từ
  {near_limit}% trở lên): tỷ số = phần đã tiến được từ điểm đầu lộ trình / phần lộ trình yêu cầu đến năm nay, cùng các ngưỡng
  trên; kèm **số năm chậm so với lộ trình**.
- **Dự báo (UNSD)**, chọn được cho từng chỉ tiêu: dự báo giá trị năm {target_year} theo tốc độ hiện tại; điểm từ {on_track}:
  {on_track_word}; từ {unsd_acceleration} đến dưới {on_track}: {acceleration_needed_word}; dưới {unsd_acceleration}: {stagnation_word}.
- Đã đạt mục tiêu: {met_word}. Chưa đạt mốc năm nay thì nhiều nhất là {acceleration_needed_word}. Giá trị gốc đã đạt mục tiêu mà
  nay thấp hơn: {moving_away_word}. Quá ít số liệu: {insufficient_data_word}, không đoán. Mức độ chỉ có đạt hoặc chưa đạt,
  không dự báo phần lẻ.

### Sắp xếp đơn vị hành chính từ {reform_day}
- Số liệu mỗi năm theo đơn vị hành chính có hiệu lực cuối năm: trước năm {new_map_year} là đơn vị cũ, từ năm
  {new_map_year} là đơn vị mới (không còn cấp huyện).
- Tỉnh sau sáp nhập được đánh giá trên **chuỗi số liệu so sánh được theo địa giới hiện nay**: số liệu các năm trước của
  các xã cũ được cộng (tử số, mẫu số) vào xã mới theo bảng chuyển đổi, làm giá trị gốc và xu hướng.
- Mục tiêu do tỉnh đặt ra trước sắp xếp vẫn được theo dõi trên địa giới mới và được ghi rõ "mục tiêu của tỉnh trước
  sắp xếp".
- Mục tiêu tính theo huyện: không áp dụng. Mức độ phổ cập, xóa mù chữ của tỉnh: chưa có quy định.

### Cộng dồn theo cấp
Tỷ lệ của đơn vị cấp trên = **tổng tử số / tổng mẫu số** của các xã (không lấy trung bình các tỷ lệ); số liệu chỉ có tỷ lệ %
không cộng dồn được. Mức độ đạt chuẩn của xã theo tiêu chí NĐ 20/2014 (xã đặc biệt khó khăn dùng ngưỡng, độ tuổi riêng);
của huyện theo tỷ lệ xã đạt; của tỉnh (đến {last_old_day}) theo tỷ lệ huyện đạt. Mức độ **báo cáo (được công nhận)** được
dùng khi có; khác biệt với mức độ tính theo tiêu chí được nêu ở trang Chất lượng dữ liệu.
""",
    "en": """
### Each unit's path
Each target has milestones declared by a document (e.g. for 2023 or 2025) and a {target_year} value. A unit's path
**starts from the unit's own baseline** (its first year with data) and **passes through every declared milestone** to the
{target_year} target; between two milestones it is interpolated evenly by year (levels are held until the next
milestone). A baseline already at the first milestone holds the path there. **This year's milestone** is the path's
value in the year viewed; counts of units are whole.

### Gap and status against this year's milestone
**Gap = actual − milestone**, negative when behind. Where the denominator is known, the gap is also said in **people,
families or units still needed** (rounded up). Statuses:

- {met}: the actual is at or above this year's milestone.
- {behind}: the actual is below it.
- {incomplete}: fewer than {coverage} of the child units reported the rolled-up value; not judged.
- {no_data}: no value for the year viewed; **no value, no verdict** (no outlook, no projection).
- {no_milestone}: the year viewed is before the path starts.
- {not_applicable}: there is no district level from {reform_day}; a target counted in districts (e.g. "9/9 districts
  at level 3") or set for each district does not apply from {new_map_year}. Where a target re-expresses it on the new map,
  the page says "replaced by: …".
- {no_rule}: {no_rule_why}; only a level the province reports (recognised) is used.

### Outlook for the {target_year} target
Judged only with a value for the year viewed, from the years with data up to it (at least 2), on the same declared path.

- **Actual vs required growth (Eurostat)** for ratios: R = actual average annual growth / growth needed to reach the
  target, from the baseline year. R ≥ {on_track}: {on_track_word}; {acceleration} to below {on_track}: {acceleration_needed_word};
  0 to below {acceleration}: {limited_progress_word}; R negative: {moving_away_word}.
- **Path** for counts of units, levels, zero baselines and ratios near their limit (target or baseline ≥ {near_limit}%):
  ratio = progress made from the path's start / progress the path asks for by now, same thresholds; with the **years
  behind the path**.
- **Projection (UNSD)**, selectable per indicator: the {target_year} value projected at the current growth; score ≥
  {on_track}: {on_track_word}; {unsd_acceleration} to below {on_track}: {acceleration_needed_word}; below {unsd_acceleration}:
  {stagnation_word}.
- Target already met: {met_word}. Behind this year's milestone is at best {acceleration_needed_word}. A baseline at the target with a
  lower value now: {moving_away_word}. Too little data: {insufficient_data_word}, never a guess. A level is met or not, never
  projected to a fraction.

### The administrative reorganisation of {reform_day}
- Each year's data are on the units valid at its end: the old units before {new_map_year}, the new ones (no district
  level) from {new_map_year}.
- A merged province is judged on the **comparable series on today's boundaries**: earlier years of the old communes are
  added (numerators, denominators) into the new communes through the crosswalk, as baseline and trend.
- Targets the province set before the reorganisation are still followed on the new boundaries and marked "target of the
  province before the reorganisation".
- Targets counted in districts: not applicable. A province's universalisation and literacy levels: no rule yet.

### Aggregation up the hierarchy
A parent's ratio = **sum of numerators / sum of denominators** of its communes (never an average of percentages);
values reported only as a percentage cannot be rolled up. A commune's level follows the NĐ 20/2014 criteria (communes
with especially difficult conditions have their own thresholds and age bands); a district's the share of its communes
at the level; a province's (until {last_old_day}) the share of its districts. A **reported (recognised)** level is used
when present; disagreement with the derived level is listed on the Data quality page.
""",
}
TEXT = {
    "title": ("Phương pháp", "Methodology"),
    "rules": (
        "Quy tắc mọi nhận định phải tuân theo (kiểm tra tự động mỗi lần xây dựng dữ liệu)",
        "Rules every verdict obeys (checked automatically at every build of the data)",
    ),
    "rules_help": (
        "Một lần xây dựng vi phạm bất kỳ quy tắc nào sẽ bị dừng; dữ liệu đang dùng được giữ nguyên.",
        "A build that breaks any rule is stopped; the data in use stay as they were.",
    ),
    "criteria": ("Tiêu chí NĐ 20/2014 đang áp dụng", "NĐ 20/2014 criteria in force"),
    "standard": ("Chuẩn", "Standard"),
    "level": ("Mức độ", "Level"),
    "criterion": ("Tiêu chí (xã)", "Criterion (commune)"),
    "threshold": ("Ngưỡng", "Threshold"),
    "dbkk": ("Xã đặc biệt khó khăn", "Especially difficult commune"),
    "district_share": ("Huyện: tỷ lệ xã đạt", "District: share of communes"),
    "province_share": ("Tỉnh: tỷ lệ huyện đạt", "Province: share of districts"),
    "note": ("Ghi chú", "Note"),
    "requires": ("Đạt {standard} {level}", "{standard} at {level}"),
    "unverified": ("chưa kiểm chứng", "unverified"),
    "sources": ("Văn bản làm căn cứ", "Documents cited"),
    "refs": (
        "Tham khảo phương pháp: Eurostat (đánh giá tiến độ SDG), Ghi chú kỹ thuật Biểu đồ tiến độ SDG 2023 của Cơ quan "
        "Thống kê Liên hợp quốc (UNSD), ESCAP.",
        "Methodology references: Eurostat (SDG progress), UNSD SDG Progress Chart 2023 technical note, ESCAP.",
    ),
}


_t = translator(TEXT)
_j = translator(JUDGEMENT)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _words(settings: pd.Series, lg: str) -> dict:
    """The values the body names, from the warehouse's settings table (what the build applied) and the labels."""
    reform = pd.Timestamp(settings["reform_date"])
    last_old = reform - pd.Timedelta(days=1)
    return dict(
        target_year=int(settings["target_year"]),
        coverage=fmt.percent(100 * settings["min_coverage"], lg, 0),
        near_limit=fmt.number(settings["near_limit"], lg),
        on_track=fmt.number(settings["outlook_on_track"], lg, 2),
        acceleration=fmt.number(settings["outlook_acceleration_needed"], lg, 2),
        unsd_acceleration=fmt.number(settings["outlook_unsd_acceleration_needed"], lg, 2),
        reform_day=f"{reform.day}/{reform.month}/{reform.year}",
        last_old_day=f"{last_old.day}/{last_old.month}/{last_old.year}",
        new_map_year=int(settings["first_new_map_year"]),
        no_rule_why=_j("no_rule_why", lg),
        **{s: f"**{label(STATUS, s, lg)}**" for s in STATUS},
        **{f"{o}_word": f"**{_lower_first(label(OUTLOOK, o, lg).split(' ', 1)[1])}**" for o in OUTLOOK},
    )


def _criterion(r, lg: str) -> str:
    vi = lg == "vi"
    if isinstance(r.criterion_vi, str):
        return r.criterion_vi if vi else r.criterion_en
    standard = r.required_vi if vi else r.required_en
    level = _lower_first(level_label(r.required_levels, r.required_level, lg))
    return _t("requires", lg, standard=_lower_first(standard) if vi else standard, level=level)


def _criteria_table(key: str, lg: str) -> pd.DataFrame:
    crit = q(key, "criteria_in_words")
    vi = lg == "vi"
    rows = []
    for r in crit.itertuples():
        dbkk = ""
        if pd.notna(r.dbkk_min):
            other = r.dbkk_vi if vi else r.dbkk_en
            same = other == (r.criterion_vi if vi else r.criterion_en)
            dbkk = ("" if same else f"{other} ") + f"≥ {fmt.percent(r.dbkk_min, lg, 0)}"
        rows.append(
            {
                _t("standard", lg): r.name_vi if vi else r.name_en,
                _t("level", lg): level_label(r.levels, r.level, lg),
                _t("criterion", lg): _criterion(r, lg),
                _t("threshold", lg): f"≥ {fmt.percent(r.min, lg, 0)}" if pd.notna(r.min) else "",
                _t("dbkk", lg): dbkk,
                _t("district_share", lg): f"≥ {fmt.percent(r.district_min_share, lg, 0)}",
                _t("province_share", lg): f"≥ {fmt.percent(r.province_min_share, lg, 0)}",
                _t("note", lg): _t("unverified", lg) if r.unverified else "",
            }
        )
    return pd.DataFrame(rows)


def render() -> None:
    v = state.view()
    lg = v.lang
    settings = table(v.key, "settings").iloc[0]  # what the build applied, not this process's settings
    st.title(_t("title", lg))
    st.markdown(fmt.curly_quotes(BODY[lg].format(**_words(settings, lg))))
    st.subheader(_t("rules", lg))
    rules = table(v.key, "audit_rules")
    rules = rules["rule_vi" if lg == "vi" else "rule_en"]
    st.markdown("\n".join(f"{n}. {fmt.curly_quotes(rule)}" for n, rule in enumerate(rules, 1)))
    st.caption(_t("rules_help", lg))
    st.caption(_t("refs", lg))
    st.subheader(_t("criteria", lg))
    tables.show(_criteria_table(v.key, lg))
    st.subheader(_t("sources", lg))
    sources = table(v.key, "sources")
    lines = []
    for r in sources.itertuples():
        unverified = f" ({_t('unverified', lg)})" if bool(r.unverified) else ""
        link = f" — {r.url}" if isinstance(r.url, str) and r.url else ""
        lines.append(f"- {fmt.curly_quotes(r.title)}{unverified}{link}")
    st.markdown("\n".join(lines))


render()
