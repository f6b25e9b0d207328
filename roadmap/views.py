from django.shortcuts import render

from roadmap.charts import dashboard_charts
from roadmap.selectors import portfolio_headline_figures


def dashboard(request):
    """Show the portfolio at a glance: headline figures, charts and their tables."""
    figures = portfolio_headline_figures(user=request.user)
    context = {"figures": figures, "charts": dashboard_charts(figures)}
    return render(request, "roadmap/dashboard.html", context)
