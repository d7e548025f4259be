// Package fields reads and writes the values of generated serializers with the semantics
// of Django REST framework 3.14's serializer fields, so that a generated API accepts,
// refuses and prints each value exactly as the Django app it replaces does.
//
// # Reading a field
//
// Each reader takes one raw JSON value from the request body (an httpx.Body entry) and
// returns the Go value or DRF's messages for that field — never both. Messages are
// returned as a slice because DRF reports every failing validator at once ("Ensure this
// field has no more than 5 characters." and "Null characters are not allowed." together).
// The readers do not reflect; generated code calls the one its field needs:
//
//	if raw, ok := body["price"]; ok {
//		if v, msgs := fields.ReadDecimal(raw, fields.DecimalOpts{MaxDigits: 10, DecimalPlaces: 2}); msgs != nil {
//			errs["price"] = msgs
//		} else {
//			in.Price = v
//		}
//	} else if !partial {
//		errs.Add("price", fields.MsgRequired)
//	}
//
// A missing key is the caller's to judge (MsgRequired unless the request is a partial
// update or the field has a default): the readers only see values that are present.
//
// The readers, by DRF field:
//
//	CharField, TextField      String(raw, StringOpts)          string
//	EmailField                Email(raw, StringOpts)           string
//	IntegerField (all sizes)  Int(raw, IntOpts)                int64
//	DecimalField              ReadDecimal(raw, DecimalOpts)    Decimal
//	BooleanField              Bool(raw)                        bool
//	DateField                 ReadDate(raw)                    Date
//	DateTimeField             ReadDateTime(raw)                DateTime
//	UUIDField                 ReadUUID(raw)                    UUID
//	JSONField                 JSON(raw)                        json.RawMessage
//	ChoiceField               Choice(raw, ChoiceOpts)          string (the matching choice)
//	  (of numbers or UUIDs)   ChoiceOf(raw, ChoiceOpts, MustInt|MustDecimal|MustUUID)
//	PrimaryKeyRelatedField    PK(raw)                          int64 (then look the row up)
//	  (many=True)             PKList(raw, PKListOpts, exists)  []int64, sorted, each once
//
// A reader is named after the Go type it returns; where that name is the type itself
// (Decimal, Date, DateTime, UUID) the reader is ReadX.
//
// Option structs are built so that their zero value is DRF's default: StringOpts trims
// white space unless KeepWhitespace is set, and refuses "" unless AllowBlank is set. Bounds
// are pointers, written with new: IntOpts{Min: new(int64(1)), Max: new(int64(5))},
// DecimalOpts{…, Min: new(fields.MustDecimal("0.01"))}.
//
// # Null
//
// A field that allows null (Django's null=True) uses the Null form of its reader, which
// returns a pointer: nil for JSON null, otherwise a pointer to what the plain reader
// returns. The plain readers answer null with MsgNull. Pointers also carry null to and
// from the database (database/sql stores a nil pointer as NULL and scans NULL into one) and
// to JSON (encoding/json writes nil as null), so a nullable column needs no other type:
//
//	type Profile struct {
//		Dob *fields.Date `json:"dob"`
//		Bio *string      `json:"bio"`
//	}
//
//	if raw, ok := body["dob"]; ok {
//		if v, msgs := fields.NullDate(raw); msgs != nil {
//			errs["dob"] = msgs
//		} else {
//			in.Dob = v
//		}
//	}
//
// The Null forms follow DRF where it treats more than null as empty: NullDecimal takes
// "" and white space as null, NullBool the strings "null", "Null", "NULL" and "", NullPK the
// string "". NullJSON returns a nil json.RawMessage for null, which encodes as null.
//
// # What DRF accepts
//
// DRF's fields see the body as Python's json module reads it, then apply Python's own
// conversions, and the readers reproduce both: integers of any size; floats printed as
// Python prints them (an IntegerField takes 1e15 but not 1e16, whose str() is "1e+16");
// int() and Decimal() accepting surrounding white space, underscores and the digits of any
// script; str.strip()'s idea of white space; lone surrogates, which CharField reports by
// code point. Email applies Django 3.2's EmailValidator, including its IDNA retry for
// internationalised domains. Every message is DRF's, word for word.
//
// Where the reference app answers with a server error (a pk beyond 64 bits, an infinite
// number in a JSONField) or accepts what no column can hold (an unbounded integer), the
// readers answer a 4xx message instead; each such case is named in the reader's
// documentation.
//
// # Uniqueness and relations
//
// The readers do not query the database. For a unique field, generated code checks for an
// existing row once the reader has accepted the value and reports Unique(model, field),
// the message ModelSerializer gives ("category with this name already exists."). DRF runs
// that check before the length and character checks, but no stored value can fail them,
// so checking afterwards reports the same. For a relation, PK returns the pk; when no row
// has it the message is DoesNotExist(PKText(raw)), which quotes the input as sent
// (`Invalid pk "07" - object does not exist.`).
//
// # Writing values
//
// Decimal, Date, DateTime and UUID marshal to JSON in DRF's output formats: a decimal as a
// string with the field's decimal places ("10.00", DRF's COERCE_DECIMAL_TO_STRING), a date
// as "2006-01-02", a datetime in UTC as "2026-11-28T23:31:16.123456Z" (FormatDateTime), a
// UUID hyphenated in lower case. Each is also a driver.Valuer and an sql.Scanner that
// understands what SQLite (modernc.org/sqlite) and PostgreSQL (pgx) hand back; a Decimal
// read from a column should be given the field's scale with Quantize, because SQLite keeps
// 10.50 as the float 10.5.
//
// A decimal field with choices is the exception: ModelSerializer makes it a ChoiceField,
// which hands DRF's encoder the Decimal itself, written as a JSON float (1.5); a read-only
// field showing a related row's decimal does the same. FloatDecimal marshals a Decimal so.
package fields
