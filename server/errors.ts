/**
 * The server's errors are the protocol's: one error type and one table from each code to
 * its HTTP status, close code and socket.io answer, shared with the model (which throws
 * the same type) and the client.
 */
export {
  AppError,
  ERRORS,
  closeCode,
  describeIssues,
  errorBody,
  httpStatus,
  type ErrorCode as AppErrorCode,
} from "../shared/protocol/errors";
