from django.urls import include, path
from rest_framework.routers import DefaultRouter

from clinic import views

router = DefaultRouter()
router.register("patients", views.PatientViewSet, basename="patient")
router.register("doctors", views.DoctorViewSet, basename="doctor")
router.register("appointments", views.AppointmentViewSet, basename="appointment")
router.register("prescriptions", views.PrescriptionViewSet, basename="prescription")

urlpatterns = [
    path("auth/", include("djoser.urls")),
    path("auth/", include("djoser.urls.jwt")),
    path("auth/", include("djoser.urls.authtoken")),
    path("api/", include(router.urls)),
]
