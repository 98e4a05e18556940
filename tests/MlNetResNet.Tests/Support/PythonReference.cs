using System.Diagnostics;

namespace MlNetResNet.Tests.Support;

/// <summary>
/// Runs a reference script under Debian's python3 (which has python3-torch, python3-torchvision,
/// python3-onnx from apt; scripts/test.sh installs them). Not the pyenv python on PATH, which lacks torch.
/// </summary>
public static class PythonReference
{
    /// <summary>Interpreter: MLNETRESNET_PYTHON if set, else /usr/bin/python3.</summary>
    public static string Interpreter =>
        Environment.GetEnvironmentVariable("MLNETRESNET_PYTHON") is { Length: > 0 } custom ? custom : "/usr/bin/python3";

    /// <summary>Folder of the reference scripts copied next to the test assembly.</summary>
    public static string ScriptsFolder => Path.Combine(AppContext.BaseDirectory, "PythonScripts");

    /// <summary>Runs <paramref name="script"/> (a file in PythonScripts) and returns its stdout; throws with stderr on failure.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ScriptsFolder, script));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_NUM_THREADS"] = "2";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Interpreter}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran longer than 5 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Interpreter} {script} exited with {process.ExitCode} (run scripts/test.sh, which installs python3-torch):\n{stderr.Result}");
        return stdout;
    }
}
