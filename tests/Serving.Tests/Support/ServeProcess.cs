using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlNetResNet.Serving.Tests.Support;

/// <summary><c>mlnet-resnet serve</c> as a real child process on a free loopback port.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public ServeProcess(string modelPath, params string[] extraArgs)
    {
        Port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlnet-resnet.dll"));
        foreach (string arg in (string[])["serve", "--model", modelPath, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extraArgs])
            start.ArgumentList.Add(arg);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public int Port { get; }
    public HttpClient Client { get; }
    public Process Process => process;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>Waits until /v2/health/ready answers 200.</summary>
    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"serve exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await Client.GetAsync("/v2/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"serve was not ready within 90 s:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends SIGTERM, as a container runtime or systemd stops a service.</summary>
    public void Terminate()
    {
        // Process.Kill sends SIGKILL; kill(1) sends the polite signal.
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -TERM {process.Id} exited with {kill.ExitCode}.");
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
