from datetime import date, timedelta

from rest_framework import serializers

from .models import Book, Loan, Shelf

LOAN_DAYS = 14


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "title", "author", "isbn", "copies", "reference"]

    def validate_isbn(self, value):
        """An ISBN-13, hyphens allowed; stored as its digits."""
        digits = value.replace("-", "")
        if len(digits) != 13 or not digits.isdigit():
            raise serializers.ValidationError("Enter an ISBN-13.")
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        if total % 10 != 0:
            raise serializers.ValidationError("The ISBN's check digit is wrong.")
        return digits


class LoanSerializer(serializers.ModelSerializer):
    borrower = serializers.SlugRelatedField(slug_field="email", read_only=True)

    class Meta:
        model = Loan
        fields = ["id", "book", "borrower", "due", "returned"]

    def validate_due(self, value):
        if value < date.today():
            raise serializers.ValidationError("The due date is in the past.")
        return value

    def validate(self, attrs):
        due = attrs.get("due", getattr(self.instance, "due", None))
        book = attrs.get("book", getattr(self.instance, "book", None))
        if due and due > date.today() + timedelta(days=LOAN_DAYS):
            raise serializers.ValidationError(f"A loan lasts {LOAN_DAYS} days at most.")
        if book and book.reference:
            raise serializers.ValidationError("Reference books cannot be lent.")
        return attrs


class ShelfSerializer(serializers.ModelSerializer):
    class Meta:
        model = Shelf
        fields = ["id", "name", "books"]
