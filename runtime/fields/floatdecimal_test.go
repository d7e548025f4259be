package fields

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestFloatDecimal: json.dumps(float(Decimal(s))) for a decimal field's choices.
func TestFloatDecimal(t *testing.T) {
	for in, want := range map[string]string{
		"1.50": "1.5", "2.00": "2.0", "0.10": "0.1", "-3.25": "-3.25", "0": "0.0",
		"12345678901234567": "1.2345678901234568e+16", "0.00001": "1e-05",
	} {
		b, err := json.Marshal(FloatDecimal(MustDecimal(in)))
		require.NoError(t, err)
		require.Equal(t, want, string(b), in)
	}
	var null *FloatDecimal
	b, err := json.Marshal(struct {
		G *FloatDecimal `json:"g"`
	}{null})
	require.NoError(t, err)
	require.JSONEq(t, `{"g": null}`, string(b))
}
