from rest_framework import serializers

from .models import Appointment, Doctor, Patient, Prescription


class PatientSerializer(serializers.ModelSerializer):
    class Meta:
        model = Patient
        fields = ["id", "user", "name", "birth_date", "phone"]
        read_only_fields = ["user"]


class DoctorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Doctor
        fields = ["id", "user", "name", "specialty"]


class AppointmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["id", "patient", "doctor", "starts_at", "reason", "status", "created"]
        read_only_fields = ["patient", "status", "created"]


class PrescriptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Prescription
        fields = ["id", "appointment", "drug", "dosage", "refills"]
