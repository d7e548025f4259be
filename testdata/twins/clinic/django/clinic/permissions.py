from rest_framework import permissions


class IsParticipant(permissions.BasePermission):
    """The appointment's patient or doctor (staff see every appointment)."""

    def has_object_permission(self, request, view, obj):
        user = request.user
        if user.is_staff:
            return True
        return obj.patient.user == user or obj.doctor.user == user


class IsPrescriberOrReadOnly(permissions.BasePermission):
    """Anyone who may see a prescription reads it; only the appointment's doctor changes it."""

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.appointment.doctor.user == request.user
