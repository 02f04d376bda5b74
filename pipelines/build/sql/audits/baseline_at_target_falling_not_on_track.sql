-- vi: Giá trị gốc đã đạt mục tiêu mà nay không còn đạt thì là "xa dần mục tiêu", không bao giờ là "đúng lộ trình" hay "cần tăng tốc".
-- en: A baseline that already met the target with a latest value that no longer does is "moving away", never "on track" or "acceleration needed".
select p.unit_code, p.year, p.target_id, p.base_value, p.actual, p.target_2030, p.outlook_category
from progress p
join targets t on t.id = p.target_id
join indicators i on i.id = t.indicator
where p.n_obs >= 2 and p.outlook_category is not null and p.outlook_category not in ('met', 'insufficient_data', 'moving_away')
  and case when i.direction = 'higher_is_better' then 1 else -1 end * (p.base_value - p.target_2030) >= -1e-9
  and case when i.direction = 'higher_is_better' then 1 else -1 end * (p.actual - p.target_2030) < -1e-9
order by p.target_id, p.unit_code, p.year
