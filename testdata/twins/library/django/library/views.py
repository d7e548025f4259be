from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from rest_framework import filters, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import DjangoObjectPermissions, IsAdminUser, IsAuthenticated
from rest_framework.response import Response
from rest_framework_guardian.filters import ObjectPermissionsFilter

from .models import Book, Loan, Shelf
from .pagination import ShelfPagination
from .permissions import IsLibrarian, ReadOnly
from .serializers import LOAN_DAYS, BookSerializer, LoanSerializer, ShelfSerializer


def take_copy(book, delta):
    """Changes the book's copies by delta; none left is a validation error."""
    book = Book.objects.select_for_update().get(pk=book.pk)
    if book.copies + delta < 0:
        raise ValidationError("No copies left.")
    book.copies = F("copies") + delta
    book.save(update_fields=["copies"])


class BookViewSet(viewsets.ModelViewSet):
    """The catalogue: everyone reads it, librarians edit it."""

    queryset = Book.objects.all()
    serializer_class = BookSerializer
    permission_classes = [IsLibrarian | ReadOnly]
    filter_backends = [filters.SearchFilter]
    search_fields = ["title", "author"]

    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def checkout(self, request, pk=None):
        """Lends the book to the caller for 14 days."""
        book = self.get_object()
        if book.reference:
            raise ValidationError("Reference books cannot be lent.")
        with transaction.atomic():
            take_copy(book, -1)
            loan = Loan.objects.create(
                book=book, borrower=request.user, due=date.today() + timedelta(days=LOAN_DAYS)
            )
        return Response(LoanSerializer(loan).data, status=status.HTTP_201_CREATED)


class LoanViewSet(viewsets.ModelViewSet):
    """Loans: staff see them all, patrons their own; ?open=1 shows those not returned."""

    serializer_class = LoanSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        loans = Loan.objects.select_related("book", "borrower")
        if not IsAdminUser().has_permission(self.request, self):
            loans = loans.filter(borrower=self.request.user)
        if self.request.query_params.get("open") == "1":
            loans = loans.filter(returned=False)
        return loans

    @transaction.atomic
    def perform_create(self, serializer):
        take_copy(serializer.validated_data["book"], -1)
        serializer.save(borrower=self.request.user)

    @transaction.atomic
    def perform_update(self, serializer):
        was_returned = serializer.instance.returned
        loan = serializer.save()
        if loan.returned and not was_returned:
            take_copy(loan.book, +1)

    @transaction.atomic
    def perform_destroy(self, instance):
        if not instance.returned:
            take_copy(instance.book, +1)
        instance.delete()


class ShelfViewSet(viewsets.ModelViewSet):
    """Reading lists, shared with per-object grants."""

    queryset = Shelf.objects.all()
    serializer_class = ShelfSerializer
    permission_classes = [DjangoObjectPermissions]
    filter_backends = [ObjectPermissionsFilter]
    pagination_class = ShelfPagination
