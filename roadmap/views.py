from django.shortcuts import render

from roadmap.selectors import portfolio_headline_figures


def dashboard(request):
    """Show the portfolio's headline figures."""
    figures = portfolio_headline_figures(user=request.user)
    return render(request, "roadmap/dashboard.html", {"figures": figures})
