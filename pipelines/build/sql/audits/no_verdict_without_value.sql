-- vi: Không có số liệu năm đang xem thì không có nhận định: dòng không có giá trị không mang triển vọng, phương pháp hay dự báo.
-- en: No current value, no verdict: a row without this year's value carries no outlook, method or projection.
select unit_code, year, target_id, status, outlook_category, outlook_method, projected
from progress
where actual is null
  and (outlook_category is not null or outlook_method is not null or projected is not null or years_behind is not null)
order by target_id, unit_code, year
