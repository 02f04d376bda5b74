-- The path to the target year that the outlook's method projects from the latest judged value.
-- params: unit_code, target_id
select year, projected, method from projections where unit_code = $1 and target_id = $2 order by year
