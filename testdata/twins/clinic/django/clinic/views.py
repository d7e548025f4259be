from django.db.models import Q
from django.shortcuts import get_object_or_404
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from .models import Appointment, Doctor, Patient, Prescription
from .permissions import IsParticipant, IsPrescriberOrReadOnly
from .serializers import (
    AppointmentSerializer,
    DoctorSerializer,
    PatientSerializer,
    PrescriptionSerializer,
)


class PatientViewSet(viewsets.ModelViewSet):
    """Patients: staff see every patient, a patient sees their own record."""

    serializer_class = PatientSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        user = self.request.user
        if user.is_staff:
            return Patient.objects.all().order_by("id")
        return Patient.objects.filter(user=user).order_by("id")

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)

    @action(detail=False, methods=["get"])
    def me(self, request):
        patient = get_object_or_404(Patient, user=request.user)
        return Response(self.get_serializer(patient).data)


class DoctorViewSet(viewsets.ModelViewSet):
    """Doctors: every signed-in user reads them, staff manage them."""

    queryset = Doctor.objects.all().order_by("id")
    serializer_class = DoctorSerializer
    permission_map = {
        "GET": [permissions.IsAuthenticated],
        "POST": [permissions.IsAdminUser],
        "PUT": [permissions.IsAdminUser],
        "PATCH": [permissions.IsAdminUser],
        "DELETE": [permissions.IsAdminUser],
    }

    def get_permissions(self):
        classes = self.permission_map.get(self.request.method, self.permission_classes)
        return [permission() for permission in classes]


class AppointmentViewSet(viewsets.ModelViewSet):
    """Appointments: patients book for themselves, patient and doctor see theirs."""

    serializer_class = AppointmentSerializer
    permission_classes = [permissions.IsAuthenticated, IsParticipant]

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAdminUser()]
        return super().get_permissions()

    def get_queryset(self):
        user = self.request.user
        queryset = Appointment.objects.all().order_by("id")
        if user.is_staff:
            return queryset
        return queryset.filter(Q(patient__user=user) | Q(doctor__user=user))

    def perform_create(self, serializer):
        serializer.save(patient=self.request.user.patient)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the appointment (only staff delete one)."""
        appointment = self.get_object()
        appointment.status = "cancelled"
        appointment.save()
        return Response(self.get_serializer(appointment).data)


class PrescriptionViewSet(viewsets.ModelViewSet):
    """Prescriptions: seen by the appointment's patient and doctor; written by its doctor."""

    serializer_class = PrescriptionSerializer
    permission_classes = [permissions.IsAuthenticated, IsPrescriberOrReadOnly]

    def get_queryset(self):
        user = self.request.user
        return (
            Prescription.objects.filter(
                Q(appointment__patient__user=user) | Q(appointment__doctor__user=user)
            )
            .distinct()
            .order_by("id")
        )

    def perform_create(self, serializer):
        appointment = serializer.validated_data["appointment"]
        if appointment.doctor.user != self.request.user:
            raise PermissionDenied("Only the appointment's doctor can prescribe.")
        serializer.save()
