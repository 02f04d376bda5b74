"""UI text in Vietnamese (first) and English. Labels for statuses and outlooks come with an icon so that
colour is never the only signal."""

from __future__ import annotations

from pipelines.config.settings import settings

_REFORM = settings().reform_date
REFORM_DAY = f"{_REFORM.day}/{_REFORM.month}/{_REFORM.year}"  # the reform date as the documents write it
NEW_MAP_YEAR = settings().first_new_map_year

TEXT = {
    "app_title": ("XHHT 2030 · Theo dõi chỉ tiêu xã hội học tập", "XHHT 2030 · Learning-society target tracker"),
    "illustrative": (
        "Dữ liệu minh họa: đơn vị hành chính và mã số là thật (Tổng cục Thống kê); mọi số liệu chỉ tiêu là giả lập để trình diễn.",
        "Illustrative data: units and their codes are real (GSO); every indicator figure is made up for demonstration.",
    ),
    "illustrative_here": (
        "Dữ liệu minh họa: số liệu chỉ tiêu của {unit} năm {year} là giả lập để trình diễn, không phải số liệu thật; "
        "đơn vị hành chính và mã số là thật (Tổng cục Thống kê).",
        "Illustrative data: the indicator figures of {unit} for {year} are made up for demonstration, not real data; "
        "units and their codes are real (GSO).",
    ),
    "value_legend": ("Tỷ lệ (%), không có mục tiêu:<br>để tham khảo", "Percentage, no target:<br>for information"),
    "released_in": ("phát hành năm {year}", "released {year}"),
    "has_provisional": ("có số liệu sơ bộ", "some figures provisional"),
    "real_sources": ("Nguồn số liệu năm {year}: {sources}.", "Sources of the {year} figures: {sources}."),
    "language": ("Ngôn ngữ", "Language"),
    "overview": ("Tổng quan", "Overview"),
    "unit": ("Đơn vị", "Unit"),
    "province": ("Tỉnh", "Province"),
    "district": ("Huyện, thị xã, thành phố", "District"),
    "commune": ("Xã, phường, thị trấn", "Commune"),
    "commune_new": ("Xã, phường, đặc khu", "Commune"),  # the commune level from the reform on (no thị trấn)
    "all": ("(toàn bộ)", "(all)"),
    "year": ("Năm", "Year"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "actual": ("Thực hiện", "Actual"),
    "milestone": ("Mốc năm", "Milestone"),
    "target_2030": ("Mục tiêu 2030", "2030 target"),
    "gap": ("Chênh lệch", "Gap"),
    "to_close": ("Cần thêm", "To close the gap"),
    "to_close_unknown": (
        "— ở mục Cần thêm: đơn vị chỉ báo cáo tỷ lệ %, không có mẫu số, nên chưa tính được số cần thêm.",
        "— under To close the gap: only a percentage was reported, without its denominator, so the number needed "
        "cannot be counted.",
    ),
    "status": ("Tình trạng", "Status"),
    "outlook": ("Triển vọng 2030", "2030 outlook"),
    "method": ("Phương pháp", "Method"),
    "group": ("Nhóm", "Group"),
    "n_met": ("Đạt mốc", "On milestone"),
    "n_behind": ("Chưa đạt mốc", "Behind milestone"),
    "n_other": ("Chưa đánh giá được", "Not judged"),
    "no_warehouse": (
        "Chưa có kho dữ liệu. Chạy `python -m pipelines build` (hoặc `./scripts/run`) rồi tải lại trang.",
        "No warehouse yet. Run `python -m pipelines build` (or `./scripts/run`) and reload.",
    ),
    "no_targets": (
        "Không có chỉ tiêu nào có mục tiêu cho đơn vị và năm này.",
        "No indicator has a target for this unit and year.",
    ),
    "built_at": ("Dữ liệu cập nhật lúc {at}", "Data built at {at}"),
    "source": ("Nguồn", "Source"),
    "change": ("So năm trước", "vs last year"),
    "since_last": ("so với năm trước", "since last year"),
    "change_legend": (
        "Mũi tên chỉ dùng cho thay đổi so với năm trước: ↑ tăng, ↓ giảm, → không đổi; chênh lệch so với mốc ghi bằng "
        "số, không có mũi tên.",
        "Arrows only show the change since last year: ↑ up, ↓ down, → unchanged; the gap to the milestone is a number, "
        "without an arrow.",
    ),
    "n_off_track": ("Triển vọng 2030 đáng lo", "2030 outlook at risk"),
    "n_off_track_help": (
        "Tiến bộ hạn chế, trì trệ / thụt lùi hoặc xa dần mục tiêu (chỉ tính các chỉ tiêu có số liệu năm nay)",
        "Limited progress, stagnation or moving away (only targets with a value this year)",
    ),
    "detail_hint": ("Bấm vào tên chỉ tiêu để xem chi tiết.", "Click an indicator's name to open its detail."),
    "indicator_detail": ("Chỉ tiêu", "Indicator detail"),
    "gaps_by_unit": ("Đơn vị", "Gaps by unit"),
    "literacy": ("Xóa mù chữ", "Literacy"),
    "universalisation": ("Phổ cập", "Universalisation"),
    "titles": ("Danh hiệu học tập", "Learning titles"),
    "reports": ("Báo cáo", "Reports"),
    "targets_editor": ("Sửa mục tiêu", "Edit targets"),
    "data_intake": ("Nạp dữ liệu", "Load data"),
    "users": ("Người dùng", "Users"),
    "staff": ("Cán bộ đăng nhập", "Staff sign-in"),
    "login": ("Tên đăng nhập", "Login"),
    "password": ("Mật khẩu", "Password"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "sign_in_oidc": ("Đăng nhập qua hệ thống xác thực", "Sign in with the identity provider"),
    "bad_login": ("Sai tên đăng nhập hoặc mật khẩu.", "Wrong login or password."),
    "unreadable": (
        "Kho dữ liệu tạm thời không mở được. Lỗi đã được ghi vào nhật ký máy chủ cho cán bộ quản trị; "
        "hãy thử lại sau ít phút.",
        "The data warehouse cannot be opened right now. The cause is in the server log for the administrator; "
        "try again in a few minutes.",
    ),
    "locked": (
        "Đăng nhập tạm khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau khoảng {minutes} phút.",
        "Sign-in is locked after repeated wrong passwords. Try again in about {minutes} min.",
    ),
    "expired": ("Phiên làm việc đã hết hạn; hãy đăng nhập lại.", "Your session expired; please sign in again."),
    "signed_in": ("{name} · {role}{scope}", "{name} · {role}{scope}"),
    "role_analyst": ("cán bộ phân tích", "analyst"),
    "role_admin": ("quản trị", "admin"),
    "role_viewer": ("xem", "viewer"),
    "approximate": ("ranh giới gần đúng", "approximate boundary"),
    "new_map_note": (
        f"Bản đồ xã mới (từ {REFORM_DAY}): vùng của mỗi xã mới ghép từ vùng các xã cũ theo bảng chuyển đổi; xã cũ "
        "bị chia tách được vẽ vào xã mới chính nên ranh giới gần đúng. Chưa có vùng cho các xã từ tỉnh Bạc Liêu cũ.",
        f"Map of the new communes (from {REFORM_DAY}): each new commune's area is the union of its old communes "
        "through the crosswalk; an old commune split between new ones is drawn in its main successor, so those "
        "boundaries are approximate. No polygons yet for communes from the old Bạc Liêu.",
    ),
    "comparable": ("Theo địa giới mới (quy đổi)", "On current boundaries (converted)"),
    "comparable_note": (
        f"Đường nét đứt: giá trị các năm trước {NEW_MAP_YEAR} tính lại theo địa giới hiện nay qua bảng chuyển đổi "
        "từ xã cũ sang xã mới (cộng tử số và mẫu số; xã cũ bị chia tách được chia đều cho các xã mới nhận). "
        "Đường liền: số liệu báo cáo theo đơn vị của từng năm.",
        f"Dashed line: values before {NEW_MAP_YEAR} recomputed on today's boundaries through the crosswalk from "
        "old to new communes (numerators and denominators summed; an old commune split between new ones is shared "
        "equally). Solid line: data as reported on each year's units.",
    ),
    "week": ("Tuần lễ học tập suốt đời", "Lifelong Learning Week"),
    "data_quality": ("Chất lượng dữ liệu", "Data quality"),
    "methodology": ("Phương pháp", "Methodology"),
    "milestone_path": ("Các mốc theo năm", "Yearly milestones"),
    "projection": ("Dự báo ({method}, từ số liệu năm {year})", "Projection ({method}, from {year} data)"),
    "no_value": ("chưa có số liệu", "no data"),
    "unknown_level": ("Chưa xác định", "Unknown"),
    "children_ranked": ("Các đơn vị trực thuộc, xếp theo chênh lệch", "Child units, ranked by gap"),
    "evidence": (
        "Triển vọng 2030 đánh giá {method}, từ số liệu các năm {years}",
        "2030 outlook judged {method}, from the data for {years}",
    ),
    "baseline": (
        "Năm gốc {year}: {value} (lộ trình của đơn vị tính từ năm này)",
        "Baseline {year}: {value} (the unit's path starts from this year)",
    ),
    "no_series": ("Chưa có số liệu cho chỉ tiêu này tại đơn vị này.", "No data for this indicator at this unit."),
    "years_behind": ("{n} năm chậm so với lộ trình", "{n} years behind the path"),
    "years_ahead": ("{n} năm sớm hơn lộ trình", "{n} years ahead of the path"),
    "no_judged_children": (
        "Năm {year} chưa có chỉ tiêu nào được đánh giá cho các đơn vị trực thuộc.",
        "No indicator is judged for the child units in {year}.",
    ),
    "pick_unit_with_children": ("Chọn một đơn vị có đơn vị trực thuộc.", "Pick a unit that has child units."),
    "heatmap": ("Tình trạng theo đơn vị và chỉ tiêu", "Status by unit and indicator"),
    "map": ("Bản đồ chênh lệch", "Gap map"),
    "value_map": ("Bản đồ số liệu (chưa có mục tiêu)", "Map of figures (no target)"),
    "map_tier": ("Tô màu theo", "Shade by"),
    "map_legend": (
        "Chênh lệch so với mốc năm ({unit})<br>âm: chưa đạt · dương: vượt",
        "Gap to the year's milestone ({unit})<br>below 0: behind · above 0: ahead",
    ),
    "map_no_data": ("Màu xám nhạt: đơn vị chưa có số liệu năm {year}.", "Pale grey: no data for {year}."),
    "map_named": (
        "Tên ghi trên bản đồ: tối đa {n} đơn vị có chênh lệch thấp nhất (chậm nhất).",
        "Named on the map: up to {n} units with the lowest gaps (the furthest behind).",
    ),
    "country": ("Toàn quốc", "Whole country"),
    "country_in_text": ("cả nước", "the whole country"),
    "all_met": (
        "Mọi đơn vị đạt mốc: không đơn vị nào chênh lệch so với mốc năm nay.",
        "Every unit is exactly on this year's milestone.",
    ),
    "province_map": (
        "Bản đồ các tỉnh, thành phố ({n} đơn vị, địa giới năm {year})",
        "Provinces ({n}, boundaries of {year})",
    ),
    "unmatched": ("{n} vùng bản đồ không khớp mã đơn vị: {names}", "{n} map features match no unit code: {names}"),
    "map_note": (
        "Ranh giới xã năm 2009 (đơn giản hóa), nối với mã ĐVHC qua tên: {exact} khớp đúng, {normalised} khớp sau chuẩn hóa, {alias} qua bảng đổi tên.",
        "2009 commune boundaries (simplified), joined to GSO codes by name: {exact} exact, {normalised} after normalisation, {alias} through the rename table.",
    ),
    "no_map": ("Chưa có bản đồ cho các xã của đơn vị này.", "No map for the communes of this unit."),
    "present": ("Trình chiếu", "Present"),
    "presentation": ("Trình chiếu", "Presentation"),
    "sort_by": ("Sắp xếp theo", "Sort by"),
    "sort_name": ("Tên đơn vị", "Unit name"),
    "sort_behind": ("Đáng lo trước", "Worst first"),
    "sort_behind_help": (
        "Đáng lo trước: nhiều chỉ tiêu chưa đạt mốc nhất, rồi chênh lệch lớn nhất.",
        "Worst first: the most indicators behind their milestones, then the largest gap.",
    ),
    "sort_severity": ("Đáng lo trước", "Worst first"),
    "sort_catalogue": ("Thứ tự danh mục", "Catalogue order"),
    "others": ("Chỉ tiêu chưa có mục tiêu cho đơn vị này", "Indicators without a target for this unit"),
}

# Symbols from ordinary text fonts (no emoji font needed): the label never relies on colour alone. Arrows are kept
# for one meaning on every page, the change since last year (components.fmt_change); no status or outlook uses one.
STATUS = {
    "met": ("✓ Đạt mốc", "✓ Milestone met"),
    "behind": ("✗ Chưa đạt mốc", "✗ Behind milestone"),
    "no_data": ("– Chưa có số liệu", "– No data"),
    "no_milestone": ("· Chưa có mốc", "· No milestone"),
    "incomplete": ("◌ Thiếu báo cáo", "◌ Incomplete reporting"),
    # a target counted in districts (or set on one): there is no district level from the reform on
    "not_applicable": (f"⊘ Không áp dụng từ {REFORM_DAY}", f"⊘ Not applicable from {REFORM_DAY}"),
    # a province's level after the reform that the province did not report: no official rule derives it yet
    "no_rule": ("§ Chưa có quy định", "§ No rule yet"),
}
# statuses that are a verdict on this year's value (the others say why there is none)
VERDICTS = ("met", "behind")

OUTLOOK = {
    "met": ("✓ Đã đạt mục tiêu", "✓ Target met"),
    "on_track": ("● Đúng lộ trình", "● On track"),
    "acceleration_needed": ("◑ Cần tăng tốc", "◑ Acceleration needed"),
    "limited_progress": ("◔ Tiến bộ hạn chế", "◔ Limited progress"),
    "stagnation": ("○ Trì trệ / thụt lùi", "○ Stagnation or regression"),
    "moving_away": ("✗ Xa dần mục tiêu", "✗ Moving away"),
    "insufficient_data": ("? Chưa đủ dữ liệu", "? Not enough data"),
}
# outlooks that call for attention (counted on the overview, listed in reports); a NULL outlook is never one
OFF_TRACK = ("limited_progress", "stagnation", "moving_away")

# the method in words on public pages; the methodology page names the source (Eurostat, UNSD) and the ratio
METHOD = {
    "eurostat": ("theo tốc độ tăng bình quân", "by the average growth rate"),
    "unsd": ("theo xu hướng đến 2030", "by the trend to 2030"),
    "linear_path": ("theo lộ trình đều", "along the straight path"),
}

JUDGEMENT = {
    "no_rule_why": (
        "chưa có quy định xác định mức độ của tỉnh sau sắp xếp đơn vị hành chính",
        "no rule yet derives a province's level after the administrative reorganisation",
    ),
    "replaced_by": ("thay bằng: {name}", "replaced by: {name}"),
    "no_verdict": ("Chưa có số liệu năm {year}", "No data for {year}"),
    "carried_over": ("mục tiêu của tỉnh trước sắp xếp", "target of the province before the reorganisation"),
    "carried_over_note": (
        f"Mục tiêu do tỉnh đặt ra trước sắp xếp đơn vị hành chính ({REFORM_DAY}), nay đánh giá trên địa giới hiện "
        "nay (gồm cả phần được sáp nhập vào).",
        f"Target set by the province before the administrative reorganisation ({REFORM_DAY}), now judged on "
        "today's boundaries (including the areas merged into it).",
    ),
    "n_not_applicable": (
        "{n} chỉ tiêu không áp dụng từ {day} (không còn cấp huyện).",
        "{n} targets not applicable from {day} (no district level).",
    ),
}

# Levels of an NĐ 20/2014 standard in the documents' words: level 0 is "chưa đạt chuẩn" (there is no "mức 0"); a
# standard with a single level (preschool for 5-year-olds) is pass/fail, "đạt chuẩn"; the others have "mức độ k".
LEVEL_WORDS = {
    "not_met": ("Chưa đạt chuẩn", "Standard not met"),
    "met": ("Đạt chuẩn", "Standard met"),
    "level": ("Mức độ {n}", "Level {n}"),
}


def pass_fail(levels) -> bool:
    """True for a standard whose only level above 0 is 1 (met or not met)."""
    try:
        return max(int(x) for x in levels) == 1
    except (TypeError, ValueError):  # None, NaN, an empty list: not known
        return False


def level_label(levels, level, lang: str) -> str:
    """The words of `level` of a standard whose levels are `levels` (the indicator's list, e.g. [0, 1, 2, 3])."""
    try:
        n = int(round(float(level)))
    except (TypeError, ValueError):  # None, NaN, pd.NA
        return "–"
    vi, en = LEVEL_WORDS["not_met" if n <= 0 else "met" if pass_fail(levels) else "level"]
    return (vi if lang == "vi" else en).format(n=n)


def t(key: str, lang: str, **kw) -> str:
    vi, en = TEXT[key]
    return (vi if lang == "vi" else en).format(**kw)


def name_in_text(unit: str, unit_name: str, lang: str) -> str:
    """A unit's name inside a sentence: the country is "cả nước" there ("số liệu của cả nước"), not its picker
    label "Toàn quốc"."""
    return t("country_in_text", lang) if unit == "VN" else unit_name


def translator(table: dict[str, tuple[str, str]]):
    """`t` for a page's own texts: `_t = translator(TEXT)`, then `_t("key", lang, **params)`."""

    def _t(key: str, lang: str, **kw) -> str:
        vi, en = table[key]
        return (vi if lang == "vi" else en).format(**kw)

    return _t


def label(table: dict, key: str | None, lang: str) -> str:
    if key is None or key not in table:
        return "–"
    vi, en = table[key]
    return vi if lang == "vi" else en
