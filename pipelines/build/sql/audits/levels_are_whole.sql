-- vi: Mức độ là đạt hoặc chưa đạt: mốc, giá trị và dự báo của một mức độ là số nguyên trong thang mức độ, không bao giờ là phân số.
-- en: A level is met or not: milestones, values and projections of a level are whole levels on its scale, never fractions.
with level_targets as (
    select t.id as target_id, list_max(i.levels) as top
    from targets t join indicators i on i.id = t.indicator
    where t.measure is null and i.kind = 'level'
),
values as (
    select p.target_id, p.unit_code, p.year, 'milestone' as what, p.milestone as value from progress p
    union all select p.target_id, p.unit_code, p.year, 'actual', p.actual from progress p
    union all select p.target_id, p.unit_code, p.year, 'projected', p.projected from progress p
    union all select p.target_id, p.unit_code, p.year, 'projection', p.projected from projections p
)
select v.target_id, v.unit_code, v.year, v.what, v.value, l.top
from values v join level_targets l using (target_id)
where v.value is not null and (v.value <> round(v.value) or v.value < 0 or v.value > l.top)
order by v.target_id, v.unit_code, v.year
