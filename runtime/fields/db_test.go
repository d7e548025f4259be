package fields

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/internal/dbtest"
	"github.com/authgen/authgen/runtime/db"
)

// The column types Django's migrations create for these fields on each backend.
var columnDDL = map[db.Dialect]string{
	db.SQLite: `CREATE TABLE item (
		id integer PRIMARY KEY,
		price decimal NOT NULL, dob date NOT NULL, at datetime NOT NULL, uid char(32) NOT NULL,
		price_n decimal NULL, dob_n date NULL, at_n datetime NULL, uid_n char(32) NULL)`,
	db.Postgres: `CREATE TABLE item (
		id integer PRIMARY KEY,
		price numeric(10, 2) NOT NULL, dob date NOT NULL, at timestamp with time zone NOT NULL, uid uuid NOT NULL,
		price_n numeric(10, 2) NULL, dob_n date NULL, at_n timestamp with time zone NULL, uid_n uuid NULL)`,
}

func openItems(t *testing.T, dialect db.Dialect) *db.DB {
	d := dbtest.Open(t, dialect)
	_, err := d.Exec(columnDDL[dialect])
	require.NoError(t, err)
	return d
}

// TestDecimalThroughDatabase: a price written as Decimal.Value and read back with Scan and
// Quantize(2) prints as DRF printed the same price that Django had stored in SQLite (the
// DecimalSQLite facts); PostgreSQL's numeric(10,2) gives the same answers.
func TestDecimalThroughDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := openItems(t, dialect)
		ctx := context.Background()
		for i, f := range factsOf(t, "DecimalSQLite") {
			// Generated code only stores what ReadDecimal returned, already quantized.
			price := MustDecimal(f.in).Quantize(2)
			_, err := d.ExecContext(ctx,
				`INSERT INTO item (id, price, dob, at, uid) VALUES ($1, $2, $3, $4, $5)`,
				i, price, Date{Year: 2026, Month: 1, Day: 2}, Now(), UUID{})
			require.NoError(t, err)
			var got Decimal
			require.NoError(t, d.QueryRowContext(ctx, `SELECT price FROM item WHERE id = $1`, i).Scan(&got))
			require.Equal(t, f.out[0], got.Quantize(2).String(), "stored %s", f.in)
		}
	})
}

// TestTypesThroughDatabase writes every type, and nulls through pointers, and reads them
// back on both dialects.
func TestTypesThroughDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		d := openItems(t, dialect)
		ctx := context.Background()
		price := MustDecimal("12345678.91")
		dob := Date{Year: 1999, Month: time.December, Day: 31}
		at := DateTimeOf(time.Date(2026, 11, 28, 23, 31, 16, 123456789, time.FixedZone("", 3600)))
		uid, err := ParseUUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
		require.NoError(t, err)

		var nilPrice *Decimal
		var nilDate *Date
		var nilAt *DateTime
		var nilUID *UUID
		_, err = d.ExecContext(ctx,
			`INSERT INTO item (id, price, dob, at, uid, price_n, dob_n, at_n, uid_n) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8)`,
			price, dob, at, uid, nilPrice, nilDate, nilAt, nilUID)
		require.NoError(t, err)
		_, err = d.ExecContext(ctx,
			`INSERT INTO item (id, price, dob, at, uid, price_n, dob_n, at_n, uid_n) VALUES (2, $1, $2, $3, $4, $5, $6, $7, $8)`,
			price, dob, at, uid, &price, &dob, &at, &uid)
		require.NoError(t, err)

		query := `SELECT price, dob, at, uid, price_n, dob_n, at_n, uid_n FROM item WHERE id = $1`
		var (
			gotPrice Decimal
			gotDob   Date
			gotAt    DateTime
			gotUID   UUID
			nPrice   *Decimal
			nDob     *Date
			nAt      *DateTime
			nUID     *UUID
		)
		require.NoError(t, d.QueryRowContext(ctx, query, 1).Scan(&gotPrice, &gotDob, &gotAt, &gotUID, &nPrice, &nDob, &nAt, &nUID))
		require.Equal(t, "12345678.91", gotPrice.Quantize(2).String())
		require.Equal(t, dob, gotDob)
		require.Equal(t, at, gotAt)
		require.Equal(t, "2026-11-28T22:31:16.123456Z", gotAt.String())
		require.Equal(t, uid, gotUID)
		require.Nil(t, nPrice)
		require.Nil(t, nDob)
		require.Nil(t, nAt)
		require.Nil(t, nUID)

		require.NoError(t, d.QueryRowContext(ctx, query, 2).Scan(&gotPrice, &gotDob, &gotAt, &gotUID, &nPrice, &nDob, &nAt, &nUID))
		require.NotNil(t, nPrice)
		require.Equal(t, "12345678.91", nPrice.Quantize(2).String())
		require.Equal(t, dob, *nDob)
		require.Equal(t, at, *nAt)
		require.Equal(t, uid, *nUID)

		// A non-pointer destination refuses NULL rather than inventing a zero.
		var strict Decimal
		require.ErrorIs(t, d.QueryRowContext(ctx, `SELECT price_n FROM item WHERE id = 1`).Scan(&strict), ErrInvalidDecimal)
	})
}

// TestDjangoStoredText: text as Django writes it into SQLite scans too.
func TestDjangoStoredText(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	ctx := context.Background()
	_, err := d.ExecContext(ctx, `CREATE TABLE django (dob date, at datetime, uid char(32), price decimal)`)
	require.NoError(t, err)
	_, err = d.ExecContext(ctx, `INSERT INTO django VALUES ('2026-11-28', '2026-11-28 23:31:16.123456', 'a0eebc999c0b4ef8bb6d6bb9bd380a11', '10.50')`)
	require.NoError(t, err)
	var (
		dob   Date
		at    DateTime
		uid   UUID
		price Decimal
	)
	require.NoError(t, d.QueryRowContext(ctx, `SELECT dob, at, uid, price FROM django`).Scan(&dob, &at, &uid, &price))
	require.Equal(t, "2026-11-28", dob.String())
	require.Equal(t, "2026-11-28T23:31:16.123456Z", at.String())
	require.Equal(t, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", uid.String())
	require.Equal(t, "10.50", price.Quantize(2).String())
}

// TestStoredAsDjangoStores: what Go writes is stored exactly as what Django's backends pass
// for the same value (its SQLite adapters: str() of a naive UTC datetime, the date's text,
// the decimal's text quantized, uuid.hex, the bool as an int, json.dumps; on PostgreSQL
// typed values), so Django reads back the same value and compares it in SQL alike.
func TestStoredAsDjangoStores(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) {
		ctx := context.Background()
		d := dbtest.Open(t, dialect)
		ddl := `CREATE TABLE v (id integer PRIMARY KEY, at datetime, dob date, price decimal, uid char(32), ok bool, doc text)`
		if dialect == db.Postgres {
			ddl = `CREATE TABLE v (id integer PRIMARY KEY, at timestamptz, dob date, price numeric(10, 2), uid uuid, ok boolean, doc jsonb)`
		}
		_, err := d.ExecContext(ctx, ddl)
		require.NoError(t, err)
		uid, err := ParseUUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
		require.NoError(t, err)
		insert := `INSERT INTO v (id, at, dob, price, uid, ok, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)`
		for _, at := range []time.Time{
			time.Date(2026, 12, 4, 18, 28, 43, 420964999, time.FixedZone("", 3600)),
			time.Date(2026, 12, 4, 17, 28, 43, 0, time.UTC),
		} {
			_, err = d.ExecContext(ctx, `DELETE FROM v`)
			require.NoError(t, err)
			_, err = d.ExecContext(ctx, insert, 1, DateTimeOf(at), Date{Year: 2026, Month: 2, Day: 3}, MustDecimal("12.5").Quantize(2), uid, true, Document(`{"a": [1, "b"]}`))
			require.NoError(t, err)
			django := []any{2, at.UTC().Format("2006-01-02 15:04:05.000000"), "2026-02-03", "12.50", "a0eebc999c0b4ef8bb6d6bb9bd380a11", 1, `{"a": [1, "b"]}`}
			if at.Nanosecond() == 0 {
				django[1] = at.UTC().Format("2006-01-02 15:04:05") // Python's str() drops a zero fraction
			}
			if dialect == db.Postgres {
				django[1], django[5] = at, true
			}
			_, err = d.ExecContext(ctx, insert, django...)
			require.NoError(t, err)
			for _, col := range []string{"at", "dob", "price", "uid", "ok", "doc"} {
				same := `SELECT a.` + col + ` IS b.` + col + ` AND typeof(a.` + col + `) = typeof(b.` + col + `) FROM v a, v b WHERE a.id = 1 AND b.id = 2`
				if dialect == db.Postgres {
					same = `SELECT a.` + col + ` IS NOT DISTINCT FROM b.` + col + ` FROM v a, v b WHERE a.id = 1 AND b.id = 2`
				}
				var equal bool
				require.NoError(t, d.QueryRowContext(ctx, same).Scan(&equal))
				require.True(t, equal, "%s: stored as Django stores it (%v)", col, at)
			}
		}
	})
}
