// The exceptions every store role throws.
#pragma once

#include <stdexcept>

namespace khue::store {

// Any failure of the database itself.
class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};
// The database cannot be reached or the connection broke: retrying later may succeed (workers back off).
class StoreUnavailable : public StoreError {
  public:
    using StoreError::StoreError;
};
// The request names something that does not exist (e.g. a submission to an unknown problem), or is otherwise
// invalid; the message says what. The API answers 4xx.
class StoreInvalid : public StoreError {
  public:
    using StoreError::StoreError;
};

}  // namespace khue::store
