-- vi: Tỷ lệ phần trăm luôn trong khoảng 0–100: giá trị, mốc, mục tiêu và dự báo.
-- en: Percentages stay within 0–100: values, milestones, targets and projections.
with percent_targets as (
    select id as target_id from targets t
    where coalesce(t.measure, case when (select kind from indicators i where i.id = t.indicator) = 'level'
                                   then 'level' else 'percent' end) in ('percent', 'share')
),
values as (
    select target_id, unit_code, year, 'actual' as what, actual as value from progress
    union all select target_id, unit_code, year, 'milestone', milestone from progress
    union all select target_id, unit_code, year, 'target_2030', target_2030 from progress
    union all select target_id, unit_code, year, 'projected', projected from progress
    union all select target_id, unit_code, year, 'projection', projected from projections
)
select v.* from values v join percent_targets using (target_id)
where v.value is not null and (v.value < -1e-9 or v.value > 100 + 1e-9)
order by target_id, unit_code, year
