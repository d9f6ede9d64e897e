namespace CxrSeg;

/// <summary>An error caused by the user's input (a bad file, row, field or option): the message names it and the CLI prints it without a stack trace.</summary>
public class UserFacingException : Exception
{
    /// <summary>Creates the exception with a message that names the bad file, row or field.</summary>
    public UserFacingException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the underlying cause.</summary>
    public UserFacingException(string message, Exception inner) : base(message, inner) { }
}
