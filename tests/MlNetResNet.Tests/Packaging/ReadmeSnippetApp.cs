using MlNetResNet.Tests.MlNet;

namespace MlNetResNet.Tests.Packaging;

/// <summary>
/// A console app that references the MlNetResNet package and runs the README's "In your ML.NET code" snippet on a
/// few drawn images: the snippet's own lines, with the architecture and epochs turned down to seconds.
/// </summary>
internal static class ReadmeSnippetApp
{
    public const string Done = "README snippet done";

    // The README's settings and what the test runs instead (ResNet-34 for 10 epochs would take minutes).
    private const string ReadmeSettings = "architecture: ResNetArchitecture.ResNet34, epochs: 10";
    private const string TestSettings = "architecture: ResNetArchitecture.ResNet18, epochs: 1";

    /// <summary>The fenced C# block under the README heading "In your ML.NET code".</summary>
    public static string Snippet(string readme)
    {
        int heading = readme.IndexOf("## In your ML.NET code", StringComparison.Ordinal);
        Assert.True(heading >= 0, "README has no '## In your ML.NET code' section.");
        int start = readme.IndexOf("```csharp\n", heading, StringComparison.Ordinal) + "```csharp\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    /// <summary>Writes app.csproj, NuGet.config (the local feed next to the machine's own sources), Program.cs and the images.</summary>
    public static void Write(string folder, string feed, string packageVersion, string snippet)
    {
        Assert.Contains(ReadmeSettings, snippet);
        var lines = snippet.Replace(ReadmeSettings, TestSettings).Split('\n');
        var usings = lines.Where(line => line.StartsWith("using ", StringComparison.Ordinal)).Append("using Microsoft.ML.Data;");
        var body = lines.Where(line => !line.StartsWith("using ", StringComparison.Ordinal));
        string[] preamble =
        [
            "string imageFolder = args[0];",
            "var reader = new MLContext();",
            "var train = reader.Data.LoadFromTextFile<Row>(Path.Combine(imageFolder, \"train.tsv\"), hasHeader: true);",
            "var test = reader.Data.LoadFromTextFile<Row>(Path.Combine(imageFolder, \"test.tsv\"), hasHeader: true);",
        ];
        string[] postamble =
        [
            $"Console.WriteLine($\"{Done}: micro-accuracy {{metrics.MicroAccuracy:F3}}, model.zip {{new FileInfo(\"model.zip\").Length}} bytes\");",
            "sealed class Row",
            "{",
            "    [LoadColumn(0)] public string ImagePath { get; set; } = \"\";",
            "    [LoadColumn(1)] public string Label { get; set; } = \"\";",
            "}",
        ];
        File.WriteAllLines(Path.Combine(folder, "Program.cs"), usings.Distinct().Concat(preamble).Concat(body).Concat(postamble));
        File.WriteAllText(Path.Combine(folder, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <!-- ImageAnalytics asks for SkiaSharp 2.88.8; a mirror without it resolves 2.88.9. -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MlNetResNet" Version="{packageVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        string images = Path.Combine(folder, "images");
        foreach (var (name, perClass, seed) in new[] { ("train", 3, 21), ("test", 1, 22) })
        {
            var rows = ShapeImages.Write(images, perClass, seed);
            File.WriteAllLines(Path.Combine(images, $"{name}.tsv"), rows.Select(row => $"{row.ImagePath}\t{row.Label}").Prepend("ImagePath\tLabel"));
        }
    }
}
