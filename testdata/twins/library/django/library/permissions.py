from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsLibrarian(BasePermission):
    """Staff, or holders of library.manage_library (the librarians' group)."""

    message = "Only librarians may do this."

    def has_permission(self, request, view):
        user = request.user
        return bool(
            user
            and user.is_authenticated
            and (user.is_staff or user.has_perm("library.manage_library"))
        )


class ReadOnly(BasePermission):
    def has_permission(self, request, view):
        return request.method in SAFE_METHODS
