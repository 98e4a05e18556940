using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Hostile;

/// <summary>The hostile corpus and the valid images, written once per test class into a temporary folder.</summary>
public sealed class HostileCorpusFixture : IDisposable
{
    private readonly TempFolder folder = new("hostile-corpus");

    public HostileCorpusFixture()
    {
        Cases = HostileCorpus.Write(folder.File("hostile"));
        Valid = ValidImages.Write(folder.File("valid"));
    }

    public IReadOnlyList<HostileCase> Cases { get; }

    public IReadOnlyList<(string Path, ImageFileFormat Format, int Frames)> Valid { get; }

    public string Folder => folder.Path;

    public HostileCase Case(string name) => Cases.Single(c => c.Name == name);

    /// <summary>The case names, for [MemberData]: the corpus itself is written by the fixture.</summary>
    public static TheoryData<string> CaseNames()
    {
        using var scratch = new TempFolder("hostile-names");
        var data = new TheoryData<string>();
        foreach (var hostile in HostileCorpus.Write(scratch.Path)) data.Add(hostile.Name);
        return data;
    }

    public void Dispose() => folder.Dispose();
}
