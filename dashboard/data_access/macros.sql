-- Definitions every named query shares, created on the dashboard's connection (not stored in the warehouse).

-- How far behind, relative to the milestone: gap / |milestone| (negative = behind; NULL without a milestone).
-- The one definition used to rank "where we are behind" (largest gaps, units behind, the slides' focus).
create or replace macro relative_gap(gap, milestone) as gap / nullif(abs(milestone), 0);
