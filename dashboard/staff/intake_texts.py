"""Words of the Nạp dữ liệu page (Vietnamese, English) and the unit labels its tables use."""

from __future__ import annotations

from dashboard.data_access import warehouse
from dashboard.ui.i18n import translator

TEXT = {
    "title": ("Nạp dữ liệu", "Load data"),
    "not_allowed": (
        "Chỉ cán bộ phân tích hoặc quản trị đã đăng nhập mới nạp được dữ liệu.",
        "Only a signed-in analyst or admin can load data.",
    ),
    "scope": ("Phạm vi: {name} ({code}) và các đơn vị trực thuộc.", "Scope: {name} ({code}) and the units below it."),
    "scope_all": (
        "Phạm vi: cả nước (quản trị): mọi đơn vị, cả dòng cả nước (VN). Tên đơn vị trong tệp Excel được đối chiếu "
        "trong đơn vị đang chọn: {name}; tên tỉnh trong bảng của Tổng cục Thống kê được đối chiếu trong cả nước.",
        "Scope: the whole country (admin): every unit, the country's own rows (VN) included. Unit names in "
        "spreadsheets are matched within the chosen unit: {name}; province names in statistics office tables "
        "across the country.",
    ),
    "tab_upload": ("Tải tệp lên", "Upload"),
    "tab_template": ("Mẫu báo cáo Excel", "Excel template"),
    "tab_history": ("Lịch sử nạp", "History"),
    "file": ("Tệp số liệu (.csv, .parquet, .xlsx, .xls, .ods)", "Data file (.csv, .parquet, .xlsx, .xls, .ods)"),
    "file_help": (
        "Định dạng chuẩn (một dòng mỗi đơn vị × năm × chỉ tiêu), mẫu báo cáo của ứng dụng, hoặc bảng Excel của "
        "huyện/xã (dòng tiêu đề, ô gộp, dòng Tổng cộng, số kiểu 1.234 và 40,5%, tên xã thay cho mã).",
        "The tidy format (one row per unit × year × indicator), the app's template, or a district's own "
        "spreadsheet (title rows, merged headings, a total row, numbers like 1.234 and 40,5%, names instead of codes).",
    ),
    "year": ("Năm của số liệu (cho tệp Excel)", "Year of the figures (for spreadsheets)"),
    "year_help": (
        "Bảng của Tổng cục Thống kê ghi năm ở từng cột, không cần chọn. Năm trước {first} (settings.first_year) "
        "được giữ làm số liệu lịch sử, từ {history} (settings.history_from).",
        "Statistics office tables give the year in each column: no need to choose. Years before {first} "
        "(settings.first_year) are kept as history, from {history} (settings.history_from).",
    ),
    "working": ("Đang đọc và kiểm tra như khi xây dựng kho dữ liệu…", "Reading and checking as a build would…"),
    "config_broken": (
        "Cấu hình hiện tại có lỗi nên chưa kiểm tra được tệp:",
        "The current configuration has problems, so the file cannot be checked:",
    ),
    "already": (
        "Tệp này (cùng nội dung) đã được nạp lúc {when} bởi {who}: nạp lại không thay đổi gì.",
        "This file (same content) was loaded at {when} by {who}: loading it again changes nothing.",
    ),
    "declare": ("Chỉ tiêu chưa khai báo trong tệp ({n})", "Series in the file that no indicator declares ({n})"),
    "declare_series": ("Chuỗi số liệu", "Series"),
    "declare_ask_admin": (
        "{titles}: chưa khớp chỉ tiêu nào. Đề nghị quản trị viên khai báo chỉ tiêu mới (trang Nạp dữ liệu), sau đó "
        "nạp lại tệp.",
        "{titles}: no indicator matches. Ask an admin to declare a new indicator (this page), then load the file again.",
    ),
    "declare_help": (
        "'{title}' chưa có trong danh mục. Khai báo thành chỉ tiêu mới (tỷ lệ %: nhập giá trị, hoặc số đạt và tổng "
        "số), lưu vào targets.yaml có kiểm tra, lịch sử và chống ghi đè; sau đó có thể thêm mục tiêu ở trang "
        "Sửa mục tiêu.",
        "'{title}' is not in the catalogue. Declare it as a new indicator (a percentage: a value, or a numerator and a "
        "denominator), saved to targets.yaml with validation, history and concurrency checks; a target can then be "
        "added on the Edit targets page.",
    ),
    "declare_id": ("Mã chỉ tiêu (a–z, 0–9, _)", "Indicator id (a–z, 0–9, _)"),
    "declare_name_vi": ("Tên tiếng Việt", "Vietnamese name"),
    "declare_name_en": ("Tên tiếng Anh", "English name"),
    "declare_group": ("Nhóm", "Group"),
    "declare_source": ("Nguồn", "Source"),
    "declare_button": ("Khai báo chỉ tiêu", "Declare the indicator"),
    "declared": (
        "Đã khai báo chỉ tiêu {id}. Tệp được xem trước lại.",
        "Indicator {id} declared. The file is previewed again.",
    ),
    "rows_read": ("Dòng đọc được", "Rows read"),
    "rows_accepted": ("Dòng hợp lệ", "Rows accepted"),
    "rows_rejected": ("Dòng bị từ chối", "Rows refused"),
    "rows_skipped": ("Dòng bỏ qua (vùng, ghi chú)", "Rows skipped (regions, notes)"),
    "new": ("Giá trị mới", "New values"),
    "changed": ("Giá trị thay đổi", "Changed values"),
    "unchanged": ("Không đổi", "Unchanged"),
    "status_changes": ("Tình trạng thay đổi", "Statuses changing"),
    "problems": ("Dòng và cột bị từ chối", "Refused rows and columns"),
    "where": ("Vị trí", "Where"),
    "problem": ("Lý do", "Reason"),
    "more_problems": (
        "… và {n} lỗi khác (sửa các lỗi trên rồi tải lại tệp).",
        "… and {n} more (fix those above and upload again).",
    ),
    "notes": ("Ghi nhận khi đọc tệp", "What the reader did"),
    "matches": ("Đối chiếu tên đơn vị → mã", "Unit names → codes"),
    "written": ("Tên trong tệp", "Name in the file"),
    "code": ("Mã", "Code"),
    "registered": ("Tên trong danh mục", "Registered name"),
    "how": ("Cách khớp", "How"),
    "changes": ("So với dữ liệu đang dùng", "Compared with the data in use"),
    "unit": ("Đơn vị", "Unit"),
    "indicator": ("Chỉ tiêu", "Indicator"),
    "before": ("Trước", "Before"),
    "after": ("Sau", "After"),
    "change": ("Thay đổi", "Change"),
    "target": ("Mục tiêu", "Target"),
    "change_new": ("mới", "new"),
    "change_changed": ("thay đổi", "changed"),
    "change_unchanged": ("không đổi", "unchanged"),
    "effect": ("Ảnh hưởng đến tình trạng", "Effect on statuses"),
    "no_effect": ("Không tình trạng nào thay đổi.", "No status changes."),
    "why": ("Lý do nạp / nội dung (bắt buộc)", "Reason / what this is (required)"),
    "reason": ("Lý do", "Reason"),
    "year_col": ("Năm", "Year"),
    "partial_ok": (
        "Nạp {ok} dòng hợp lệ; {bad} dòng bị từ chối sẽ không được nạp",
        "Load the {ok} valid rows; the {bad} refused rows are left out",
    ),
    "commit": ("Nạp vào kho dữ liệu", "Commit to the warehouse"),
    "nothing": ("Không có dòng hợp lệ nào để nạp.", "No valid row to load."),
    "need_why": ("Hãy ghi lý do nạp.", "Please give a reason."),
    "committed": (
        "Đã nạp {values} giá trị ({new} mới, {changed} thay đổi) và xây dựng lại kho dữ liệu.",
        "Loaded {values} values ({new} new, {changed} changed) and rebuilt the warehouse.",
    ),
    "noop": ("Tệp này đã được nạp trước đó: không có gì thay đổi.", "This file was loaded before: nothing changed."),
    "failed": ("Không nạp được; dữ liệu đang dùng không thay đổi:", "Not loaded; the data in use is unchanged:"),
    "template_intro": (
        "Mỗi trang là một nhóm chỉ tiêu, mỗi dòng một xã (mã và tên đã điền), tiêu đề tiếng Việt, ô nhập có "
        "kiểm tra số nguyên và danh sách mức độ. Tệp điền xong được tải lên ở thẻ bên cạnh.",
        "One sheet per indicator group, one row per commune (code and name filled in), Vietnamese headings, "
        "cells checked for whole numbers and level lists. Upload the filled file in the next tab.",
    ),
    "template_year": ("Năm báo cáo", "Reporting year"),
    "template_download": ("⤓ Tải mẫu báo cáo ({n} đơn vị)", "⤓ Download the template ({n} units)"),
    "no_communes": ("Đơn vị này không có xã trực thuộc trong năm {year}.", "This unit has no communes in {year}."),
    "history_empty": ("Chưa có lần nạp nào qua ứng dụng.", "Nothing has been loaded through the app yet."),
    "when": ("Thời điểm (UTC)", "When (UTC)"),
    "who": ("Người nạp", "Who"),
    "file_name": ("Tệp", "File"),
    "values": ("Giá trị", "Values"),
    "pick_batch": ("Xem giá trị đã bị thay thế bởi lần nạp", "Values replaced by the commit"),
    "superseded": (
        "Giá trị cũ được giữ lại trong lịch sử (không còn dùng)",
        "Earlier values kept in the history (no longer used)",
    ),
    "none_superseded": ("Lần nạp này không thay thế giá trị nào.", "This commit replaced no value."),
    "old_source": ("Từ tệp", "From file"),
    "state": ("Trạng thái", "State"),
    "in_use": ("đang dùng", "in use"),
    "withdrawn_by": ("đã rút lại {when} ({who})", "withdrawn {when} ({who})"),
    "withdraw_why": ("Lý do rút lại lần nạp đã chọn", "Reason for withdrawing the chosen commit"),
    "withdraw": (
        "Rút lại lần nạp này (các giá trị nó đã thay thế được dùng lại)",
        "Withdraw this commit (the values it replaced count again)",
    ),
}

words = translator(TEXT)

SHOW_PROBLEMS = 200


def unit_names(v, codes) -> dict:
    """(code, year) -> the unit's name that year."""
    names = warehouse.q(v.key, "unit_names", ",".join(sorted(set(map(str, codes)))))
    return {(c, int(y)): n for c, y, n in zip(names["code"], names["year"], names["name"])}


def unit_name(v, code: str) -> str:
    return unit_names(v, [code]).get((code, v.year), code)


def unit_label(names: dict, code: str, year) -> str:
    return f"{names.get((code, int(year)), '?')} ({code})"
