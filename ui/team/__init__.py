"""The parts of the team leader's view (``ui.team_view.TeamView``): the choices of period and
filters, the key figures, the what-if sum, the table of desks heard from, and the exports."""
