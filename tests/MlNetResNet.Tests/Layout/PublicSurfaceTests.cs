using System.Reflection;
using System.Text.RegularExpressions;
using MlNetResNet.Pipelines;
using MlNetResNet.Tests.MlNet;

namespace MlNetResNet.Tests.Layout;

/// <summary>
/// The layout rules of docs/ARCHITECTURE.md: the public API is what README and docs show, it all sits in the
/// assembly's root namespace (one <c>using</c>), and every other type's namespace follows its folder.
/// </summary>
public class PublicSurfaceTests
{
    private static readonly string Root = ModelConsumerProcess.RepoRoot();

    [Theory]
    [InlineData("src/ResNetEstimator")]
    [InlineData("src/Pipelines")]
    public void EveryTypeInThePublicApiFileIsNamedInTheReadmeOrTheDocs(string project)
    {
        string docs = string.Join("\n", new[] { Path.Combine(Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")).Select(File.ReadAllText));
        var undocumented = PublicTypesDeclaredIn(project)
            .Where(type => !Regex.IsMatch(docs, $@"\b{Regex.Escape(type[(type.LastIndexOf('.') + 1)..])}\b"))
            .ToList();

        Assert.NotEmpty(PublicTypesDeclaredIn(project));
        Assert.Empty(undocumented);
    }

    [Fact]
    public void EveryPublicTypeOfTheLibraryIsInTheRootNamespace()
    {
        var elsewhere = typeof(ResNet).Assembly.GetExportedTypes()
            .Where(type => type.DeclaringType is null && type.Namespace != "MlNetResNet")
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(elsewhere);
    }

    [Theory]
    [InlineData("src/ResNetEstimator", "MlNetResNet")]
    [InlineData("src/Pipelines", "MlNetResNet.Pipelines")]
    public void EveryInternalTypeLivesInTheNamespaceOfItsFolder(string project, string rootNamespace)
    {
        var assembly = project.EndsWith("Pipelines") ? typeof(ImageFolderDataset).Assembly : typeof(ResNet).Assembly;
        var publicNames = assembly.GetExportedTypes().Select(type => type.Name).ToHashSet();
        var misplaced = new List<string>();
        string folder = Path.Combine(Root, project);
        foreach (string file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "obj" or "bin") continue;
            var declared = Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline);
            if (!declared.Success) continue;
            string expected = relative == "." ? rootNamespace : $"{rootNamespace}.{relative.Replace(Path.DirectorySeparatorChar, '.')}";
            string typeName = Path.GetFileNameWithoutExtension(file).Split('.')[0];
            bool isPublic = publicNames.Contains(typeName) || publicNames.Any(name => name.StartsWith(typeName + "`", StringComparison.Ordinal));
            if (!isPublic && declared.Groups[1].Value != expected)
                misplaced.Add($"{Path.GetRelativePath(Root, file)}: {declared.Groups[1].Value}, folder says {expected}");
        }

        Assert.Empty(misplaced);
    }

    // A type's own line in PublicAPI.*.txt is its full name alone; members carry a signature or a value.
    private static List<string> PublicTypesDeclaredIn(string project) =>
        new[] { "PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt" }
            .SelectMany(file => File.ReadAllLines(Path.Combine(Root, project, file)))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.Contains(' ') && !line.Contains('('))
            .ToList();
}
