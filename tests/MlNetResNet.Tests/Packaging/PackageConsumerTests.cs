using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using MlNetResNet.Tests.MlNet;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> of the library, then a fresh console app outside the repository restores it from a local folder
/// feed (plus the machine's configured NuGet sources for its dependencies) and runs the README snippet.
/// </summary>
public class PackageConsumerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public void APackedLibraryRestoresIntoAFreshAppThatRunsTheReadmeSnippet()
    {
        using var temp = new TempFolder("mlnetresnet-pack");
        string repo = ModelConsumerProcess.RepoRoot();
        string configuration = typeof(PackageConsumerTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        // A version of its own: the restore puts it in the shared NuGet cache, which this test empties again.
        string version = $"0.1.0-packtest.{Guid.NewGuid():N}";
        string cached = Path.Combine(NuGetCache(), "mlnetresnet", version);
        try
        {
            string feed = Directory.CreateDirectory(temp.File("feed")).FullName;
            // The library is already built with the tests: pack what was built.
            var pack = DotnetCommand.Run(repo, Limit, "pack", Path.Combine("src", "ResNetEstimator"), "-c", configuration, "--no-build",
                "-o", feed, $"-p:Version={version}");
            Assert.True(pack.ExitCode == 0, pack.Output);
            CheckPackage(Path.Combine(feed, $"MlNetResNet.{version}.nupkg"), repo);
            Assert.True(File.Exists(Path.Combine(feed, $"MlNetResNet.{version}.snupkg")), "no symbol package");

            string app = Directory.CreateDirectory(temp.File("app")).FullName;
            ReadmeSnippetApp.Write(app, feed, version, ReadmeSnippetApp.Snippet(File.ReadAllText(Path.Combine(repo, "README.md"))));
            var build = DotnetCommand.Run(app, Limit, "build", "-c", "Release", "--disable-build-servers");
            Assert.True(build.ExitCode == 0, build.Output);
            string output = Path.Combine(app, "bin", "Release", "net10.0");
            // The ImageNet weights come through the dependency's own build targets.
            Assert.True(File.Exists(Path.Combine(output, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx")), "DnnImageModels not copied");

            var run = DotnetCommand.Run(app, Limit, "run", "-c", "Release", "--no-build", "--", Path.Combine(app, "images"));

            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Contains(ReadmeSnippetApp.Done, run.Output);
            Assert.True(new FileInfo(Path.Combine(app, "model.zip")).Length > 1_000_000);
        }
        finally
        {
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
    }

    private static void CheckPackage(string nupkg, string repo)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var names = zip.Entries.Select(entry => entry.FullName).ToList();
        foreach (string expected in new[] { "README.md", "lib/net10.0/MlNetResNet.dll", "lib/net10.0/MlNetResNet.xml",
                     "buildTransitive/MlNetResNet.targets", "buildTransitive/WeakenVersionNeedTask.cs" })
            Assert.Contains(expected, names);
        Assert.DoesNotContain(names, name => name.EndsWith(".onnx", StringComparison.Ordinal));
        using (var nuspec = zip.GetEntry("MlNetResNet.nuspec")!.Open())
        {
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
        }
        // Deterministic, path-mapped build: the assembly names no folder of this checkout.
        using var dll = new MemoryStream();
        using (var entry = zip.GetEntry("lib/net10.0/MlNetResNet.dll")!.Open()) entry.CopyTo(dll);
        Assert.DoesNotContain(repo.TrimEnd('/'), Encoding.UTF8.GetString(dll.ToArray()));
    }

    private static string NuGetCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
            ? packages
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
