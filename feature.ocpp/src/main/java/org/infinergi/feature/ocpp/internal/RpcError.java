package org.infinergi.feature.ocpp.internal;

/** The error codes of a CALLERROR (OCPP-J 1.6 §4.2.3), spelled as the standard spells them. */
enum RpcError {
    NotImplemented,
    NotSupported,
    InternalError,
    ProtocolError,
    SecurityError,
    FormationViolation,
    PropertyConstraintViolation,
    /** Sic: the standard's spelling. */
    OccurenceConstraintViolation,
    TypeConstraintViolation,
    GenericError
}
