-- target_frame: the input of progress.compute_progress: every target × unit × year that has a milestone
-- or an actual, with the actual's columns. grain: target_id × unit_code × year.
create or replace temp table target_frame as
with milestones as (
    select tu.target_id, tu.indicator, tu.unit_code, tu.year, p.milestone
    from target_units tu
    left join target_points p on p.target_id = tu.target_id and p.year = tu.year
),
final as (
    select m.target_id, m.unit_code, m.year, m.milestone,
           a.value, a.share, a.numerator, a.denominator, a.coverage
    from milestones m
    left join actuals a on a.unit_code = m.unit_code and a.year = m.year and a.indicator = m.indicator
    where m.milestone is not null or a.value is not null
)
select * from final;
