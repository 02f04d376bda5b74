-- The level indicator that a standard (e.g. 'xmc') is derived into.
-- params: standard
select id, name_vi, name_en, levels from indicators where kind = 'level' and standard = $1
