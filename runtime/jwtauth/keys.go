package jwtauth

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// ErrNoKey is returned when PEM data holds no key of a kind this package reads.
var ErrNoKey = errors.New("jwtauth: no usable key in PEM data")

// ParsePrivateKeyPEM reads the first private key in PEM data: PKCS #8 "PRIVATE KEY" (RSA,
// ECDSA, Ed25519), PKCS #1 "RSA PRIVATE KEY" or SEC 1 "EC PRIVATE KEY". Other blocks, such
// as the "EC PARAMETERS" that `openssl ecparam -genkey` writes first, are skipped.
// Encrypted keys are not read.
func ParsePrivateKeyPEM(data []byte) (crypto.Signer, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, ErrNoKey
		}
		var key any
		var err error
		switch block.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(block.Bytes)
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("jwtauth: parse %s: %w", block.Type, err)
		}
		signer, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%w: %T is not a signing key", ErrNoKey, key)
		}
		return signer, nil
	}
}

// ParsePublicKeyPEM reads the first public key in PEM data: PKIX "PUBLIC KEY", PKCS #1
// "RSA PUBLIC KEY", or the key of a "CERTIFICATE".
func ParsePublicKeyPEM(data []byte) (crypto.PublicKey, error) {
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return nil, ErrNoKey
		}
		switch block.Type {
		case "PUBLIC KEY":
			key, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("jwtauth: parse PUBLIC KEY: %w", err)
			}
			return key, nil
		case "RSA PUBLIC KEY":
			key, err := x509.ParsePKCS1PublicKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("jwtauth: parse RSA PUBLIC KEY: %w", err)
			}
			return key, nil
		case "CERTIFICATE":
			cert, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("jwtauth: parse CERTIFICATE: %w", err)
			}
			return cert.PublicKey, nil
		}
	}
}

// LoadKeyFiles reads Config.SigningKey and Config.VerifyingKey from PEM files. Either path
// may be empty (no signing key: verify only; no verifying key: derived from the signing
// key), not both.
func LoadKeyFiles(privatePath, publicPath string) (signing crypto.Signer, verifying crypto.PublicKey, err error) {
	if privatePath == "" && publicPath == "" {
		return nil, nil, fmt.Errorf("%w: no key file named", ErrNoKey)
	}
	if privatePath != "" {
		data, err := os.ReadFile(privatePath)
		if err != nil {
			return nil, nil, fmt.Errorf("jwtauth: read signing key: %w", err)
		}
		if signing, err = ParsePrivateKeyPEM(data); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", privatePath, err)
		}
	}
	if publicPath != "" {
		data, err := os.ReadFile(publicPath)
		if err != nil {
			return nil, nil, fmt.Errorf("jwtauth: read verifying key: %w", err)
		}
		if verifying, err = ParsePublicKeyPEM(data); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", publicPath, err)
		}
	}
	return signing, verifying, nil
}
