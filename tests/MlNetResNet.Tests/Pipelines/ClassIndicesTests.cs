using MlNetResNet.Pipelines;
using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.Pipelines;

public class ClassIndicesTests
{
    [Fact]
    public void WritesTheSeedsFormatAndReadsItBack()
    {
        using var temp = new TempFolder();
        string path = temp.File(ClassIndices.FileName);
        ClassIndices.Write(path, ["daisy", "dandelion", "roses"]);

        Assert.Equal("{\n    \"0\": \"daisy\",\n    \"1\": \"dandelion\",\n    \"2\": \"roses\"\n}\n", File.ReadAllText(path).ReplaceLineEndings("\n"));
        Assert.Equal(["daisy", "dandelion", "roses"], ClassIndices.Read(path));
    }

    [Fact]
    public void ReadsKeysInAnyOrder()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("c.json"), """{"1": "b", "0": "a"}""");
        Assert.Equal(["a", "b"], ClassIndices.Read(temp.File("c.json")));
    }

    [Theory]
    [InlineData("""{"0": "a", "2": "b"}""", "key '2'")]
    [InlineData("""{"x": "a"}""", "key 'x'")]
    [InlineData("""{"0": "a", "1": "a"}""", "twice")]
    [InlineData("""{"0": 5}""", "no name")]
    [InlineData("""["a"]""", "not a JSON object")]
    [InlineData("""{"0": "a" """, "not valid JSON")]
    public void BadFilesAreRejectedNamingTheProblem(string content, string expected)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("c.json"), content);
        var error = Assert.Throws<InvalidDataException>(() => ClassIndices.Read(temp.File("c.json")));
        Assert.Contains(expected, error.Message);
        Assert.Contains("c.json", error.Message);
    }
}
