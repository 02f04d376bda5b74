"""The one problem family: everything the product refuses — a bad input file, an invalid targets.yaml, a stale
upload, a concurrent edit, an invalid account or deck — is a ProblemError carrying Problems.

A Problem is data (code + location + parameters); its text is rendered late, in the reader's language
(MESSAGES holds both). The dashboard shows any ProblemError through one component (ui/components.py:
show_problems), the command line prints it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LANGS = ("vi", "en")

# code -> (Vietnamese, English). Parameters: {found} plus the ones named in each template.
MESSAGES: dict[str, tuple[str, str]] = {
    # files
    "no_input_files": (
        "không có tệp dữ liệu nào (.csv, .parquet) trong thư mục",
        "no data files (.csv, .parquet) in the folder",
    ),
    "unreadable_file": ("không đọc được tệp: {found}", "cannot read the file: {found}"),
    "missing_column": (
        "thiếu cột '{column_name}'; tệp có các cột: {found}",
        "column '{column_name}' is missing; the file has: {found}",
    ),
    "unknown_column": (
        "cột '{found}' không thuộc định dạng; các cột hợp lệ: {expected}",
        "column '{found}' is not part of the format; valid columns: {expected}",
    ),
    # observation rows
    "empty_value": ("ô trống; cần {expected}", "empty cell; expected {expected}"),
    "unknown_unit": (
        "mã đơn vị '{found}' không có trong danh mục đơn vị hành chính{hint}",
        "unit code '{found}' is not in the unit registry{hint}",
    ),
    "unit_not_valid": (
        "đơn vị {found} không có hiệu lực trong năm {year} (hiệu lực {valid_from} – {valid_to})",
        "unit {found} is not valid in {year} (valid {valid_from} – {valid_to})",
    ),
    "unknown_indicator": (
        "chỉ tiêu '{found}' không có trong targets.yaml{hint}",
        "indicator '{found}' is not declared in targets.yaml{hint}",
    ),
    "computed_indicator": (
        "chỉ tiêu '{found}' được tính từ cấp dưới, không nhập trực tiếp",
        "indicator '{found}' is computed from the child units and cannot be reported",
    ),
    "not_a_flag": (
        "'{found}' không hợp lệ; cần 1 (sơ bộ) hoặc để trống",
        "'{found}' is not valid; expected 1 (provisional) or empty",
    ),
    "not_a_number": ("'{found}' không phải là số; cần {expected}", "'{found}' is not a number; expected {expected}"),
    "not_an_integer": (
        "'{found}' không phải số nguyên; cần {expected}",
        "'{found}' is not a whole number; expected {expected}",
    ),
    "year_out_of_range": (
        "năm {found} nằm ngoài {first}–{last} (settings.history_from = {first}, settings.target_year = {last}; "
        "các năm trước settings.first_year = {first_year} được giữ làm số liệu lịch sử)",
        "year {found} is outside {first}–{last} (settings.history_from = {first}, settings.target_year = {last}; "
        "years before settings.first_year = {first_year} are kept as history)",
    ),
    "negative_count": ("số âm {found}; cần số ≥ 0", "negative count {found}; expected ≥ 0"),
    "zero_denominator": ("mẫu số bằng 0", "denominator is 0"),
    "numerator_gt_denominator": (
        "tử số {found} lớn hơn mẫu số {denominator}",
        "numerator {found} is larger than the denominator {denominator}",
    ),
    "percent_out_of_range": ("tỷ lệ {found}% nằm ngoài 0–100", "percentage {found}% is outside 0–100"),
    "level_out_of_range": (
        "mức độ {found} không hợp lệ cho chỉ tiêu {indicator}; cần một trong {expected}",
        "level {found} is not valid for indicator {indicator}; expected one of {expected}",
    ),
    "missing_values": (
        "chỉ tiêu {indicator} (loại {kind}) cần {expected}; dòng này có: {found}",
        "indicator {indicator} ({kind}) needs {expected}; this row has: {found}",
    ),
    "duplicate": (
        "trùng lặp: {found} đã có ở {other_file}, dòng {other_row}",
        "duplicate: {found} already given in {other_file}, row {other_row}",
    ),
    # record rows (Week activities, literacy classes)
    "unknown_choice": (
        "'{found}' không có trong danh mục {field} (records.yaml); cần một trong: {expected}",
        "'{found}' is not a known {field} (records.yaml); expected one of: {expected}",
    ),
    "completed_gt_enrolled": (
        "số hoàn thành {found} lớn hơn số học viên {enrolled}",
        "completed {found} is larger than enrolled {enrolled}",
    ),
    # uploads (pipelines/intake/)
    "no_unit_column": (
        "không tìm thấy dòng tiêu đề có cột 'Tên đơn vị' (hoặc 'Tên xã') hay 'Mã đơn vị' trong {found} dòng đầu",
        "no header row with a 'Tên đơn vị' (or 'Tên xã') or 'Mã đơn vị' column in the first {found} rows",
    ),
    "column_ambiguous": (
        "tiêu đề cột '{found}' khớp nhiều chỉ tiêu ({expected}); đổi tên cột hoặc dùng mẫu báo cáo của ứng dụng",
        "column heading '{found}' matches several indicators ({expected}); rename it or use the app's template",
    ),
    "column_no_field": (
        "cột '{found}' thuộc chỉ tiêu {indicator} nhưng không rõ là số đạt, tổng số, tỷ lệ hay mức độ",
        "column '{found}' belongs to indicator {indicator} but does not say numerator, total, percentage or level",
    ),
    "field_repeated": (
        "chỉ tiêu {indicator} có hai cột {field} ({found})",
        "indicator {indicator} has two {field} columns ({found})",
    ),
    "percent_as_fraction": (
        "cột tỷ lệ chỉ có giá trị ≤ 1 ({found}…): có vẻ viết dạng phân số; cần tỷ lệ 0–100 (40,5 hoặc 40,5%)",
        "percentage column holds only values ≤ 1 ({found}…): looks like fractions; expected 0–100 (40.5 or 40.5%)",
    ),
    "pxweb_number": (
        "'{found}' không đọc được thành số (bảng của Tổng cục Thống kê: 40.5 hoặc 40,5; '..' là không có số liệu)",
        "'{found}' cannot be read as a number (statistics office table: 40.5 or 40,5; '..' means no data)",
    ),
    "pxweb_series_unknown": (
        "tiêu đề '{found}' không khớp chỉ tiêu nào trong targets.yaml (tên, mã hoặc aliases); khai báo chỉ tiêu "
        "mới ở phần xem trước, hoặc thêm tiêu đề vào aliases của chỉ tiêu",
        "the title '{found}' matches no indicator of targets.yaml (name, id or aliases); declare a new indicator in "
        "the preview, or add the title to an indicator's aliases",
    ),
    "pxweb_column": (
        "cột '{found}' không phải là một năm (cần 2016, 'Prel. 2016' hoặc 'Sơ bộ 2016')",
        "column '{found}' is not a year (expected 2016, 'Prel. 2016' or 'Sơ bộ 2016')",
    ),
    "former_unit": (
        "'{found}' là {former}, {fate}: số liệu của đơn vị cũ không nạp được; ghi số liệu cho {successor}",
        "'{found}' is {former}, {fate}: figures of a former unit cannot be loaded; report them for {successor}",
    ),
    "cell_not_a_number": (
        "'{found}' không đọc được thành số (viết kiểu Việt Nam: 1.234 hoặc 40,5%; dấu ',' là dấu thập phân)",
        "'{found}' cannot be read as a number (Vietnamese style: 1.234 or 40,5%; ',' is the decimal mark)",
    ),
    "incomplete_ratio": (
        "chỉ tiêu {indicator}: có {found} nhưng thiếu {expected}",
        "indicator {indicator}: {found} is given but {expected} is missing",
    ),
    "commit_mismatch": (
        "khi nạp, bản dựng nhận {found}/{expected} dòng và từ chối {rejected}, khác bản xem trước: không nạp gì",
        "at commit the build took {found}/{expected} rows and refused {rejected}, unlike the preview: nothing loaded",
    ),
    "column_refused": (
        "dòng không được nạp: cột {column} của trang bị từ chối (xem thông báo của cột)",
        "row not loaded: column {column} of the sheet is refused (see the column's message)",
    ),
    "no_rows": ("tệp không có dòng số liệu nào", "the file has no data rows"),
    "no_unit_in_row": ("dòng có số liệu nhưng không có tên hay mã đơn vị", "row has figures but no unit name or code"),
    "unit_name_unknown": (
        "tên '{found}' không khớp đơn vị nào thuộc {scope} năm {year}{hint}; ghi mã đơn vị hoặc sửa tên",
        "name '{found}' matches no unit of {scope} in {year}{hint}; give the unit code or correct the name",
    ),
    "unit_name_ambiguous": (
        "tên '{found}' khớp nhiều đơn vị thuộc {scope}: {expected}; ghi mã đơn vị",
        "name '{found}' matches several units of {scope}: {expected}; give the unit code",
    ),
    "code_name_mismatch": (
        "mã {found} là '{registered}' trong danh mục nhưng dòng ghi tên '{written}'",
        "code {found} is '{registered}' in the registry but the row names '{written}'",
    ),
    "out_of_scope": (
        "đơn vị {found} không thuộc phạm vi được giao ({scope})",
        "unit {found} is outside your assigned scope ({scope})",
    ),
    "year_mismatch": (
        "năm {found} khác năm của lần nạp ({year})",
        "year {found} differs from the upload's year ({year})",
    ),
    # registry
    "registry_invalid": ("danh mục đơn vị không hợp lệ: {found}", "unit registry is invalid: {found}"),
    # YAML
    "yaml_syntax": ("lỗi cú pháp YAML: {found}", "YAML syntax error: {found}"),
    "yaml_missing": ("thiếu trường bắt buộc", "required field is missing"),
    "yaml_extra": (
        "trường '{found}' không được khai báo (viết sai tên?)",
        "field '{found}' is not allowed (misspelt?)",
    ),
    "yaml_choice": (
        "giá trị '{found}' không hợp lệ; cần một trong: {expected}",
        "value '{found}' is not valid; expected one of: {expected}",
    ),
    "yaml_type": (
        "giá trị '{found}' không đúng kiểu; cần {expected}",
        "value '{found}' has the wrong type; expected {expected}",
    ),
    "yaml_range": (
        "giá trị {found} nằm ngoài giới hạn; cần {expected}",
        "value {found} is out of range; expected {expected}",
    ),
    "yaml_rule": ("{detail_vi}", "{detail_en}"),
    # the build's audits (pipelines/build/audits.py)
    "audit_failed": (
        "kiểm tra quy tắc thất bại, {found} dòng vi phạm quy tắc: {rule} Các dòng đầu: {rows}. "
        "Kho dữ liệu cũ vẫn được dùng",
        "audit failed, {found} rows break the rule: {rule} First rows: {rows}. The last good warehouse keeps serving",
    ),
    # refusals of a commit, a save or an account change (no file to point at)
    "warehouse_unwritable": (
        "không ghi được kho dữ liệu mới vào thư mục này ({found}: {cause}); kho dữ liệu cũ vẫn được dùng. Hãy kiểm "
        "tra quyền ghi và dung lượng đĩa",
        "the new warehouse could not be written to this folder ({found}: {cause}); the last good warehouse keeps "
        "serving. Check write permission and free disk space",
    ),
    "template_year": (
        "biểu mẫu này được tạo cho năm {year}, nhưng năm đã chọn là {found}: hãy chọn năm {year} hoặc tải biểu mẫu "
        "của năm {found}",
        "this template was made for {year} but the year chosen is {found}: choose {year} or download the {found} "
        "template",
    ),
    "upload_limit": (
        "tệp vượt giới hạn: {what} là {n}, tối đa {limit} ({setting}); tệp chưa được đọc. Hãy tách tệp hoặc "
        "xóa các ô thừa ở xa bảng rồi tải lên lại",
        "the file is over a limit: {what} is {n}, at most {limit} ({setting}); it was not read. Split the file "
        "or delete stray cells far from the table and upload again",
    ),
    "who_why_required": ("cần ghi người thực hiện và lý do", "who and why are required"),
    "section_admin_only": (
        "phần '{found}' của targets.yaml là của cả nước: chỉ quản trị viên được sửa",
        "the '{found}' section of targets.yaml is the whole country's: only an admin may change it",
    ),
    "target_out_of_scope": (
        "mục tiêu '{found}' thuộc đơn vị {unit}, nằm ngoài phạm vi của bạn: không được thêm, sửa hay xóa",
        "target '{found}' belongs to unit {unit}, outside your scope: it cannot be added, changed or removed",
    ),
    "nothing_to_load": ("không có dòng hợp lệ nào để nạp", "no valid row to load"),
    "batch_not_active": (
        "không có lần nạp đang dùng nào tên {found} (có thể đã được rút lại)",
        "no commit in use is named {found} (it may have been withdrawn already)",
    ),
    "stale_upload": (
        "dữ liệu đã được nạp thêm sau khi bạn xem trước ({found}). Hãy xem trước lại rồi mới nạp",
        "more data was loaded after your preview ({found}). Preview again before committing",
    ),
    "concurrent_edit": (
        "tệp targets.yaml đã được thay đổi sau khi bạn mở trình sửa (bởi {found}). Bản của bạn chưa được lưu: "
        "hãy tải lại, xem thay đổi mới rồi sửa lại",
        "targets.yaml changed after you opened the editor (by {found}). Your version was not saved: reload, "
        "review the new changes and edit again",
    ),
    "account_login": (
        "tên đăng nhập: 2–32 ký tự a–z, 0–9, dấu chấm, gạch ngang hoặc gạch dưới",
        "login: 2–32 characters a–z, 0–9, dot, dash or underscore",
    ),
    "account_in_secrets": (
        "tài khoản '{found}' được cấu hình trong secrets.toml, không sửa được ở đây",
        "account '{found}' is configured in secrets.toml and cannot be changed here",
    ),
    "account_role": (
        "vai trò '{found}' không hợp lệ; cần: {expected}",
        "role '{found}' is not valid; expected: {expected}",
    ),
    "account_scope": (
        "cán bộ phân tích cần phạm vi là một mã đơn vị có trong danh mục (nhận được '{found}')",
        "an analyst needs a scope that is a unit code in the registry (got '{found}')",
    ),
    "account_name": ("cần họ tên", "a name is required"),
    "account_password_missing": ("tài khoản mới cần mật khẩu", "a new account needs a password"),
    "account_password_short": (
        "mật khẩu cần ít nhất {expected} ký tự",
        "the password needs at least {expected} characters",
    ),
    "deck_name": (
        "tên '{found}' chỉ được gồm chữ thường không dấu, số, - và _",
        "the name '{found}' may only contain lowercase ASCII letters, digits, - and _",
    ),
    "deck_slides": ("cần chọn ít nhất một trang, mỗi trang một lần", "choose at least one slide, each once"),
    "deck_timer": ("{found}: số giây cần từ 0 đến 3600", "{found}: seconds must be from 0 to 3600"),
}

TYPE_WORDS = {
    "number": ("một số", "a number"),
    "integer": ("một số nguyên", "a whole number"),
    "integer_ge0": ("một số nguyên ≥ 0", "a whole number ≥ 0"),
    "year": ("một năm (số nguyên)", "a year (whole number)"),
    "percent": ("một tỷ lệ phần trăm 0–100", "a percentage 0–100"),
    "text": ("một chuỗi văn bản", "a text"),
    "list": ("một danh sách", "a list"),
    "mapping": ("một bảng khóa–giá trị", "a mapping"),
    "boolean": ("true/false", "true/false"),
    "value": ("một giá trị", "a value"),
    "ratio_values": ("tử số và mẫu số, hoặc giá trị %", "numerator and denominator, or a % value"),
    "level_value": ("cột level (mức độ)", "the level column"),
}


def type_word(key: str, lang: str) -> str:
    vi, en = TYPE_WORDS.get(key, (key, key))
    return vi if lang == "vi" else en


def location(
    file: str,
    lang: str = "vi",
    *,
    row: int | None = None,
    line: int | None = None,
    column: str | None = None,
    path: str | None = None,
) -> str:
    """'file, dòng 12, cột B' / 'file, row 12, column B'."""
    parts = [file] if file else []
    if row is not None:
        parts.append(f"dòng {row}" if lang == "vi" else f"row {row}")
    if line is not None:
        parts.append(f"dòng {line}" if lang == "vi" else f"line {line}")
    if column:
        parts.append(f"cột {column}" if lang == "vi" else f"column {column}")
    if path:
        parts.append(path)
    return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as the input allows."""

    code: str
    file: str = ""  # empty for a refusal that concerns no file (a commit, an account)
    found: str = ""
    row: int | None = None  # 1-based line in the file, header = 1
    column: str | None = None
    line: int | None = None  # YAML line (1-based)
    path: str | None = None  # YAML path, e.g. targets[3].milestones.2023
    params: dict = field(default_factory=dict)

    def location(self, lang: str = "vi") -> str:
        return location(self.file, lang, row=self.row, line=self.line, column=self.column, path=self.path)

    def text(self, lang: str = "vi") -> str:
        vi, en = MESSAGES[self.code]
        template = vi if lang == "vi" else en
        values = {k: (v[lang] if isinstance(v, dict) and lang in v else v) for k, v in self.params.items()}
        values.setdefault("hint", "")
        values.setdefault("expected", "")
        return template.format(found=self.found, **values)

    def message(self, lang: str = "vi") -> str:
        """'file, row 4, column B: …'; a problem that concerns no file reads as a sentence ('Cần họ tên.')."""
        where = self.location(lang)
        if where:
            return f"{where}: {self.text(lang)}"
        text = self.text(lang)
        return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


class ProblemError(Exception):
    """The one error the product raises for anything it refuses. Carries every problem found, not just the first;
    `context` keeps machine-readable details for the caller (e.g. the history entry a concurrent edit lost to)."""

    def __init__(self, problems: list[Problem] | Problem, **context):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        self.context = context
        super().__init__("\n".join(p.message("en") for p in self.problems))

    @property
    def code(self) -> str:
        """The code of the first problem (what kind of refusal this is)."""
        return self.problems[0].code if self.problems else ""

    @classmethod
    def of(cls, code: str, found: str = "", context: dict | None = None, **params) -> ProblemError:
        """A refusal with one problem that concerns no file; `params` fill its message, `context` is for the caller."""
        return cls([Problem(code, found=str(found), params=params)], **(context or {}))

    def messages(self, lang: str = "vi") -> list[str]:
        return [p.message(lang) for p in self.problems]
