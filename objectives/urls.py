app_name = "objectives"

urlpatterns = []
