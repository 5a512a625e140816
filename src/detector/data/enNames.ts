// Common English given names and surnames.
// Source: compiled from the US Social Security Administration popular baby names lists
// (1950s–2010s top names) and the US Census Bureau 2010 most frequent surnames.
export const EN_FIRST_NAMES: readonly string[] = `
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward
Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin
Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan
Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald
Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan
Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell Bobby Mason Philip
Louis Liam Oliver Lucas Aiden Jackson Sebastian Owen Carter Wyatt Luke Grayson Leo Isaac Hudson
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra
Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy
Rebecca Sharon Laura Cynthia Amy Kathleen Angela Shirley Brenda Emma Anna Pamela Nicole Samantha
Katherine Christine Helen Debra Rachel Carolyn Janet Maria Catherine Heather Diane Olivia Julie
Joyce Victoria Ruth Virginia Lauren Kelly Christina Joan Evelyn Judith Andrea Hannah Megan Cheryl
Jacqueline Martha Madison Teresa Gloria Sara Janice Ann Kathryn Abigail Sophia Frances Jean Alice
Judy Isabella Julia Denise Amber Doris Marilyn Danielle Beverly Charlotte Natalie Theresa Diana
Brittany Kayla Alexis Lori Ava Mia Harper Ella Chloe Zoe Lily Grace Aria Scarlett Nora Layla
Riley Penelope Camila Luna Aurora Hazel Ellie Stella Violet Claire Lucy Paisley Everly Savannah
Sofia Avery Audrey Bella Skylar Leah Ruby Naomi Caroline Kennedy Sadie Alexa Aaliyah Gianna
Priya Raj Rahul Anil Sunil Arjun Ananya Aisha Fatima Omar Ahmed Mohammed Ali Hassan Yusuf Wei
Chen Li Ming Hiroshi Yuki Kenji Sakura Min Ji Hyun Carlos Luis Miguel Diego Javier Alejandro
Sofia Lucia Elena Isabel Marco Giulia Luca Pierre Louise Hans Klaus Anders Lars Ingrid Sven
Tom Tim Ben Sam Max Alex Chris Nick Mike Dave Steve Jim Bob Tony Joe Dan Matt Jake Josh
Kate Katie Jenny Jen Liz Beth Becky Meg Sue Jess Ali Nat Vicky Tina Mandy Sandy Cindy Peggy
Harry Charlie Oscar Archie Freddie Alfie Theo Finley Isla Poppy Freya Evie Millie Imogen Rosie
Sophie Jessie Molly Phoebe Matilda Florence Eleanor Harriet Eliza Amelia Emilia Mila Maya Elise
Derek Craig Shane Travis Troy Trevor Marcus Brett Todd Neil Colin Ian Graham Stuart Gordon Rory
Kieran Declan Connor Liam Niamh Siobhan Aoife Ciara Fiona Moira Kirsty Ailsa Hamish Angus Duncan
`.split(/\s+/).filter(Boolean);

export const EN_SURNAMES: readonly string[] = `
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker
Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper
Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James
Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster
Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher
Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno
West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro
Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen
Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw
Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar
Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan
Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Hansen Peters Santos Hart Bradley
Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Ray Berry Perkins
Hoffman Johnston Matthews Pena Richards Willis Carpenter Lawrence Sandoval Wang Zhang Liu Chen
Yang Huang Zhao Wu Zhou Singh Kumar Sharma Gupta Khan Ahmed Ali Hussain Tanaka Suzuki Sato
Takahashi Watanabe Park Choi Jung Kang Cho Yoon Jang Lim Müller Schneider Fischer Weber Becker
Rossi Russo Ferrari Esposito Bianchi Dubois Durand Laurent Leroy Moreau Novak Kowalski Nowak
Murphy Byrne Walsh Ryan O'Brien O'Connor O'Neill McCarthy Doyle MacDonald Campbell Stewart
Thomson Davies Jones Evans Thomas Roberts Hughes Lewis Morgan Griffiths Owen Jenkins Wilkinson
`.split(/\s+/).filter(Boolean);
