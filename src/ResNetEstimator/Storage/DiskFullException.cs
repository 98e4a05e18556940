namespace MlNetResNet;

/// <summary>
/// The disk (or the user's quota) ran out while a model or checkpoint was being written. The half-written file was
/// removed and the previous version of the target is unchanged.
/// </summary>
public sealed class DiskFullException : IOException
{
    /// <summary>Creates the exception for one target path.</summary>
    public DiskFullException(string path, Exception innerException)
        : base($"Not enough disk space to write '{path}'; the previous version (if any) is unchanged. Free some space and retry" +
               " (training resumes from its last checkpoint with Resume / --resume).", innerException)
    {
        Path = path;
    }

    /// <summary>The file or checkpoint folder that could not be written.</summary>
    public string Path { get; }

    /// <summary>Whether an I/O error means "no space left" (ENOSPC, EDQUOT, or Windows' disk-full codes).</summary>
    public static bool IsDiskFull(IOException error) => error is DiskFullException || error.HResult switch
    {
        // Unix: .NET reports the raw errno. ENOSPC is 28 everywhere; EDQUOT is 122 on Linux, 69 on macOS.
        28 => true,
        122 when OperatingSystem.IsLinux() => true,
        69 when OperatingSystem.IsMacOS() => true,
        // Windows: HRESULT_FROM_WIN32(ERROR_DISK_FULL = 112) and (ERROR_HANDLE_DISK_FULL = 39).
        unchecked((int)0x80070070) or unchecked((int)0x80070027) => true,
        _ => false,
    };
}
