from django.conf import settings
from django.db import models


class Patient(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="patient"
    )
    name = models.CharField(max_length=100)
    birth_date = models.DateField()
    phone = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return self.name


class Doctor(models.Model):
    SPECIALTIES = [
        ("general", "General practice"),
        ("cardiology", "Cardiology"),
        ("dermatology", "Dermatology"),
    ]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="doctor"
    )
    name = models.CharField(max_length=100)
    specialty = models.CharField(max_length=20, choices=SPECIALTIES, default="general")

    def __str__(self):
        return self.name


class Appointment(models.Model):
    STATUSES = [
        ("booked", "Booked"),
        ("cancelled", "Cancelled"),
    ]

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="appointments")
    doctor = models.ForeignKey(Doctor, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default="booked")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [["doctor", "starts_at"]]


class Prescription(models.Model):
    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="prescriptions"
    )
    drug = models.CharField(max_length=100)
    dosage = models.CharField(max_length=100)
    refills = models.PositiveIntegerField(default=0)
