package password

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"sync"

	"github.com/authgen/authgen/templates"
)

// commonPasswordsPath is Django's common-passwords.txt.gz (20,000 passwords by Royce
// Williams, lowercased, one per line) inside templates.FS.
const commonPasswordsPath = "passwords/common-passwords.txt.gz"

// commonPasswords reads the list on first use, once: most processes (migrate, the CLI
// commands) never validate a password and should not pay for the set.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	set, err := readCommonPasswords()
	if err != nil {
		// The list is compiled into the binary: failing to read it is a broken build.
		panic(err)
	}
	return set
})

func readCommonPasswords() (map[string]struct{}, error) {
	f, err := templates.FS.Open(commonPasswordsPath)
	if err != nil {
		return nil, fmt.Errorf("password: common passwords: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("password: common passwords: %w", err)
	}
	set := make(map[string]struct{}, 20000)
	lines := bufio.NewScanner(zr)
	for lines.Scan() {
		set[pyStrip(lines.Text())] = struct{}{}
	}
	if err := lines.Err(); err != nil {
		return nil, fmt.Errorf("password: common passwords: %w", err)
	}
	return set, nil
}

// CommonPassword returns Django's CommonPasswordValidator with Django's list: a password
// that, lowercased and stripped of surrounding white space, is on the list is rejected with
// "This password is too common.".
func CommonPassword() Validator {
	return ValidatorFunc(func(password string, _ Attributes) error {
		if _, common := commonPasswords()[pyStrip(pyLower(password))]; !common {
			return nil
		}
		return &ValidationError{
			Code:    "password_too_common",
			Message: "This password is too common.",
		}
	})
}
