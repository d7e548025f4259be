package main

import (
	"net/http"

	"github.com/authgen/authgen/examples/clinic/clinic"
	"github.com/authgen/authgen/runtime/view"
)

// The clinic's own code: what its Django original writes in PrescriptionViewSet's
// perform_create. Registered before main runs, so main.go does not change with the spec.
func init() {
	clinic.Implement(clinic.Hooks{Prescriptions: prescriptions{}})
}

// prescriptions is the code of /api/prescriptions/.
type prescriptions struct{}

// PerformCreate lets only the appointment's doctor prescribe: the body names any
// appointment, and the object permission (IsPrescriberOrReadOnly) is not asked on create.
func (prescriptions) PerformCreate(c *clinic.Call, v *clinic.Prescription) error {
	appointment, err := c.FindAppointment(v.AppointmentID)
	if err != nil {
		return err
	}
	doctor, err := c.FindDoctor(appointment.DoctorID)
	if err != nil {
		return err
	}
	if doctor.UserID != c.Subject.UserID {
		return view.Refuse(http.StatusForbidden, "Only the appointment's doctor can prescribe.")
	}
	return c.InsertPrescription(v)
}
