using System.Diagnostics;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Native;

/// <summary>The build marks GLIBCXX_3.4.32 weak in libLibTorchSharp.so exactly where the host lacks it.</summary>
public class NativeFixTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void TestOutputLibraryNeedIsWeakExactlyWhenTheHostLacksIt()
    {
        string library = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var need = Assert.Single(ElfVersionNeeds.Read(library), n => n.Version == Version);
        Assert.Equal(!ElfVersionNeeds.HostLibStdCxxHas(Version), need.IsWeak);
        // Only that one need is touched.
        Assert.All(ElfVersionNeeds.Read(library).Where(n => n.Version != Version), n => Assert.False(n.IsWeak, n.Version));
    }

    [Fact]
    public void NuGetPackageConsumerGetsTheFixAndRunsLibTorch()
    {
        using var temp = new TempFolder("mlnetresnet-consumer");
        string repo = FindRepoRoot();
        string feed = temp.File("feed");
        string version = $"0.1.0-test{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Run("dotnet", repo, "pack", Path.Combine(repo, "src", "ResNetEstimator"), "-c", "Release", "-o", feed, $"-p:Version={version}");

        string app = temp.File("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration><packageSources><add key="local" value="{feed}" /></packageSources></configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="MlNetResNet" Version="{version}" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using var net = MlNetResNet.ResNet.Create(MlNetResNet.ResNetArchitecture.ResNet18, numClasses: 3);
            using var logits = net.forward(TorchSharp.torch.zeros(1, 3, 32, 32));
            System.Console.WriteLine("logits " + string.Join("x", logits.shape));
            """);
        string output = Run("dotnet", app, "run", "-c", "Release");
        Assert.Contains("logits 1x3", output);

        Run("dotnet", app, "publish", "-c", "Release", "-o", Path.Combine(app, "published"));
        foreach (string folder in new[] { "bin", "published" })
        {
            string library = Directory.GetFiles(Path.Combine(app, folder), "libLibTorchSharp.so", SearchOption.AllDirectories).Single();
            var need = Assert.Single(ElfVersionNeeds.Read(library), n => n.Version == Version);
            Assert.Equal(!ElfVersionNeeds.HostLibStdCxxHas(Version), need.IsWeak);
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MlNetResNet.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MlNetResNet.sln not found above the test folder.");
    }

    private static string Run(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} {string.Join(' ', arguments)} timed out");
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
