-- vi: Từ {reform_day} chưa có quy định xác định mức độ của tỉnh từ các xã: tỉnh chỉ có mức độ do tỉnh báo cáo, không có mức độ suy ra theo quy tắc cấp huyện.
-- en: From {reform_day} no rule derives a province's level from its communes: a province has only the level it reports, never one derived by the district rule.
select l.unit_code, l.year, l.indicator, l.origin, l.derived_level
from unit_levels l
join unit_years u on u.code = l.unit_code and u.year = l.year and u.tier = 'province'
where l.year >= $first_new_map_year and (l.origin <> 'reported' or l.derived_level is not null)
union all
select s.unit_code, s.year, s.indicator, 'shortfall', null
from level_shortfalls s
join unit_years u on u.code = s.unit_code and u.year = s.year and u.tier = 'province'
where s.year >= $first_new_map_year
order by 1, 2, 3
