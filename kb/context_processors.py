from django.conf import settings


def site(request):
    return {"quick_exit_url": settings.RECOURSE_QUICK_EXIT_URL}
