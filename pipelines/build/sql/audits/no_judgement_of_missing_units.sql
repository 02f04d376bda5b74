-- vi: Không đánh giá đơn vị không tồn tại trong năm đó: từ {reform_day} không còn cấp huyện, mục tiêu tính theo huyện là "không áp dụng".
-- en: No judgement of a unit that does not exist that year: there are no districts from {reform_day}; targets counted in districts are "not applicable".
with counted_in_districts as (
    select t.id as target_id
    from targets t join indicators i on i.id = t.indicator
    where i.kind = 'units_at_level' and i.child_tier = 'district'
),
judged as (
    select p.unit_code, p.year, p.target_id, p.status
    from progress p
    where p.status not in ('not_applicable')
),
missing_unit as (
    select j.*, 'unit' as why
    from judged j
    where not exists (select 1 from unit_years u where u.code = j.unit_code and u.year = j.year)
),
missing_counted as (
    select j.*, 'districts' as why
    from judged j
    where j.year >= $first_new_map_year and j.target_id in (select target_id from counted_in_districts)
),
projected as (
    select p.unit_code, p.year, p.target_id, 'projection' as status, 'districts' as why
    from projections p
    where p.year >= $first_new_map_year and p.target_id in (select target_id from counted_in_districts)
),
not_applicable_judged as (  -- a target that no longer applies carries no milestone, target, verdict or flag
    select unit_code, year, target_id, status, 'not applicable' as why
    from progress
    where status = 'not_applicable'
      and (milestone is not null or target_2030 is not null or outlook_category is not null or carried_over)
),
projected_gone as (  -- a projection for a year its unit does not exist (an old district or commune after 2025)
    select p.unit_code, p.year, p.target_id, 'projection' as status, 'unit' as why
    from projections p
    where not exists (select 1 from unit_years u where u.code = p.unit_code and u.year = p.year)
)
select * from missing_unit
union all select * from missing_counted
union all select * from projected
union all select * from projected_gone
union all select * from not_applicable_judged
order by target_id, unit_code, year
