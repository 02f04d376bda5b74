-- vi: Chưa đủ dữ liệu thì không đoán: với ít hơn hai quan sát, triển vọng chỉ có thể là "đã đạt mục tiêu" hoặc "chưa đủ dữ liệu".
-- en: Too few observations, no guess: with fewer than two observations the outlook can only be "target met" or "not enough data".
select unit_code, year, target_id, n_obs, outlook_category
from progress
where n_obs < 2 and outlook_category is not null and outlook_category not in ('met', 'insufficient_data')
order by target_id, unit_code, year
